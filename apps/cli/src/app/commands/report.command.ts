import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ContextFactory } from '../context';
import { renderHtml } from '../report/render-html';
import { renderText } from '../report/render-text';
import { documentOf, readSavedReport } from './saved-report';
import { simulationReport } from './simulate/simulate-report';

export function registerReportCommand(program: Command, context: ContextFactory): void {
  program
    .command('report')
    .description(
      'a saved run (cloud simulate --out FILE) or experiment (report.json) as the tables it printed, as JSON, or as a self-contained HTML file with its charts',
    )
    .argument('<file>', 'the run.json or report.json')
    .option('--html <file>', 'also write the report as one HTML file (charts inline, opens offline)')
    .action((file: string, options: { html?: string }, command: Command) => {
      const { output, json } = context(command);
      const saved = readSavedReport(file);
      const document = documentOf(saved);
      if (options.html) writeFileSync(options.html, renderHtml(document));
      if (json) output.out(JSON.stringify(saved.kind === 'simulation' ? saved.result : saved, null, 2));
      else output.out(saved.kind === 'simulation' ? simulationReport(saved.result) : renderText(document));
      if (options.html) output.err(`HTML report written to ${options.html}`);
    });
}
