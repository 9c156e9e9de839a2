import { escapeMarkup } from '../escape-markup';
import { ReportSection } from '../report-document';
import { renderChart } from '../svg/render-chart';
import { htmlTable } from './html-table';

/** Top-level sections are h2 under the page's h1; HTML stops at h6, so deeper ones stay there. */
export function htmlSection(section: ReportSection, depth = 0): string {
  const level = Math.min(2 + depth, 6);
  return [
    '<section>',
    `<h${level}>${escapeMarkup(section.heading)}</h${level}>`,
    ...(section.paragraphs ?? []).map((paragraph) => `<p>${escapeMarkup(paragraph)}</p>`),
    ...(section.tables ?? []).map(htmlTable),
    ...(section.charts ?? []).map(renderChart),
    ...(section.sections ?? []).map((child) => htmlSection(child, depth + 1)),
    '</section>',
  ].join('\n');
}
