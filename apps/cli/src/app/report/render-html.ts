import { escapeMarkup } from './escape-markup';
import { htmlSection } from './html/html-section';
import { pageStyle } from './html/page-style';
import { ReportDocument } from './report-document';

/**
 * The report as one HTML file that opens offline: styles inline, charts as SVG drawn here, no script and no
 * external reference, so it can be mailed or archived and still read the same.
 */
export function renderHtml(doc: ReportDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(doc.title)}</title>`,
    `<style>${pageStyle}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header>',
    `<h1>${escapeMarkup(doc.title)}</h1>`,
    doc.subtitle ? `<p class="subtitle">${escapeMarkup(doc.subtitle)}</p>` : '',
    '</header>',
    warningBox(doc.warnings),
    doc.notes.length ? `<ul class="notes">${listItems(doc.notes)}</ul>` : '',
    ...doc.sections.map((section) => htmlSection(section)),
    '</main>',
    '</body>',
    '</html>',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

function warningBox(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  const title = warnings.length === 1 ? 'Warning about this measurement' : 'Warnings about this measurement';
  return `<div class="warnings" role="alert"><p class="warnings-title">${title}</p><ul>${listItems(warnings)}</ul></div>`;
}

function listItems(items: readonly string[]): string {
  return items.map((item) => `<li>${escapeMarkup(item)}</li>`).join('');
}
