import { JSDOM } from 'jsdom';

export function parseHtml(html: string): Document {
  return new JSDOM(html).window.document;
}

export function seriesPaths(root: ParentNode): SVGPathElement[] {
  return [...root.querySelectorAll<SVGPathElement>('path.series')];
}

export function moveCount(d: string): number {
  return (d.match(/M/g) ?? []).length;
}

export function parseChartFigure(html: string): HTMLElement {
  const figure = parseHtml(html).querySelector<HTMLElement>('figure.chart');
  if (!figure) throw new Error('no figure.chart in the output');
  return figure;
}
