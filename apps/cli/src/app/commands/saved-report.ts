import type { LoadResult } from '@strato/loadgen';
import { readFileSync } from 'node:fs';
import { CommandFailedError, EXIT } from '../exit-codes';
import type { ReportDocument } from '../report/report-document';
import { elasticityExperimentDocument } from './experiment/elasticity-experiment-document';
import type { ElasticityExperimentReport } from './experiment/elasticity-experiment-report';
import { lbExperimentDocument } from './experiment/lb-experiment-document';
import type { LbExperimentReport } from './experiment/lb-experiment-report';
import { simulationDocument } from './simulate/simulation-document';

/** What `cloud simulate --out` and `cloud experiment … --out-dir` save. */
export type SavedReport =
  | { kind: 'simulation'; result: LoadResult }
  | LbExperimentReport
  | ElasticityExperimentReport;

const usage = (message: string) => new CommandFailedError(message, EXIT.usage);

/** A saved run or experiment; a usage error saying what is wrong with any other file. */
export function readSavedReport(file: string): SavedReport {
  let saved: { kind?: string; result?: { intended?: unknown }; pods?: unknown };
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as typeof saved;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw usage(`cannot read the run ${file}: ${why}; save one with cloud simulate --out ${file}`);
  }
  if (saved?.kind === 'simulation' && typeof saved.result?.intended === 'number') return saved as SavedReport;
  if (saved?.kind === 'experiment-lb' && Array.isArray(saved.pods)) return saved as SavedReport;
  if (saved?.kind === 'experiment-elasticity' && Array.isArray((saved as { runs?: unknown }).runs))
    return saved as SavedReport;
  throw usage(`${file} is not a run saved by cloud simulate --out, nor a report.json of cloud experiment`);
}

export function documentOf(saved: SavedReport): ReportDocument {
  if (saved.kind === 'simulation') return simulationDocument(saved.result);
  if (saved.kind === 'experiment-lb') return lbExperimentDocument(saved);
  return elasticityExperimentDocument(saved);
}
