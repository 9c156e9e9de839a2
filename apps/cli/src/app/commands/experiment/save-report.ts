import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from '../../report/render-html';
import type { ReportDocument } from '../../report/report-document';

/** report.json and report.html in the directory; their paths. */
export function saveReport(dir: string, report: object, document: ReportDocument): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(html, renderHtml(document));
  return [json, html];
}

export const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
