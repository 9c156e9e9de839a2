import Table from 'cli-table3';
import { formatNumber } from './format-number';
import { Cell, ReportChart, ReportDocument, ReportSection, ReportTable } from './report-document';
import { terminalText } from './terminal-text';

/**
 * The report for the terminal. Headings follow Markdown: the title and top sections underlined, deeper
 * ones with #s. Charts only say where they are: the HTML report draws them.
 */
export function renderText(doc: ReportDocument): string {
  const blocks = [
    underlined(doc.title, '='),
    doc.subtitle ? terminalText(doc.subtitle) : '',
    doc.notes.map((note) => `- ${terminalText(note)}`).join('\n'),
    doc.warnings.map((warning) => `!!! ${terminalText(warning)}`).join('\n'),
    ...doc.sections.map((section) => sectionText(section, 0)),
  ];
  return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}

function sectionText(section: ReportSection, depth: number): string {
  const heading =
    depth === 0
      ? underlined(section.heading, '-')
      : `${'#'.repeat(depth + 2)} ${terminalText(section.heading)}`;
  return [
    heading,
    ...(section.paragraphs ?? []).map(terminalText),
    ...(section.tables ?? []).map(tableText),
    ...(section.charts ?? []).map(chartLine),
    ...(section.sections ?? []).map((child) => sectionText(child, depth + 1)),
  ].join('\n\n');
}

function underlined(text: string, rule: string): string {
  const safe = terminalText(text);
  return `${safe}\n${rule.repeat(Math.max(3, safe.length))}`;
}

function tableText(table: ReportTable): string {
  const caption = terminalText(table.caption);
  if (table.rows.length === 0) return `${caption}\n(none)`;
  const grid = new Table({ head: table.columns.map(terminalText), style: { head: [], border: [] } });
  for (const row of table.rows) grid.push(table.columns.map((_, index) => tableCell(row[index])));
  return `${caption}\n${grid.toString()}`;
}

function tableCell(cell: Cell | undefined): Table.Cell {
  if (cell === null || cell === undefined) return '-';
  if (typeof cell === 'number') return { content: formatNumber(cell), hAlign: 'right' };
  return terminalText(cell);
}

function chartLine(chart: ReportChart): string {
  return `(chart: ${terminalText(chart.title)} — in the HTML report)`;
}
