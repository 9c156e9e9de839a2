import type { LoadResult } from '@strato/loadgen';
import type { ReportDocument } from '../../report/report-document';
import {
  errorsByClass,
  LATENCY_COLUMNS,
  latencyCells,
  latencyPoints,
  runTimeChart,
} from '../experiment/report-parts';
import { loadWarnings } from './simulate-report';

/** A `cloud simulate` run as a report: the summary per pod, load and latency over time, percentiles. */
export function simulationDocument(result: LoadResult): ReportDocument {
  const seconds = Math.max(result.wallTimeMs / 1000, 0.001);
  return {
    title: 'Simulated end users',
    subtitle: `${result.startedAt}: ${result.schedule}`,
    notes: [
      'Load model: open loop, arrivals on their schedule whatever the answers.',
      "Latency is measured from each request's intended send time to the end of its response.",
    ],
    warnings: loadWarnings(result),
    sections: [
      {
        heading: 'Summary',
        tables: [
          {
            caption: 'Per pod',
            columns: ['pod', 'share', 'sent', 'ok', 'ok/s', ...LATENCY_COLUMNS, 'errors'],
            rows: result.targets.map((t) => [
              t.name,
              `${(t.share * 100).toFixed(0)} %`,
              t.sent,
              t.ok,
              (t.ok / seconds).toFixed(1),
              ...latencyCells(t.latency),
              errorsByClass(t),
            ]),
          },
          {
            caption: 'The whole run',
            columns: ['intended/s', 'achieved/s', 'ok/s', 'dropped', 'send lag p99 ms', ...LATENCY_COLUMNS],
            rows: [
              [
                result.intendedRatePerSecond.toFixed(1),
                result.achievedRatePerSecond.toFixed(1),
                result.okThroughputPerSecond.toFixed(1),
                result.dropped,
                result.sendLag.p99Ms.toFixed(1),
                ...latencyCells(result.latency),
              ],
            ],
          },
        ],
        charts: [
          runTimeChart('Load and latency over time', result),
          {
            kind: 'percentiles',
            title: 'Latency by percentile',
            series: result.targets.map((t) => ({ name: t.name, points: latencyPoints(t.latency) })),
          },
        ],
      },
    ],
  };
}
