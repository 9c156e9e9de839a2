import type { Point, ReportDocument, ReportSection } from '../../report/report-document';
import type { LbExperimentReport, LbPodResult, LbRun } from './lb-experiment-report';
import {
  capacityHow,
  errorsByClass,
  LATENCY_COLUMNS,
  latencyCells,
  latencyPoints,
  percent,
  timelineSeries,
} from './report-parts';

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

const runLabel = (run: LbRun) => `${run.algorithm} ${percent(run.loadFraction)}`;

/** Where the generator and the balancer disagree, or the load was not what was asked: said loudly. */
function podWarnings(pod: LbPodResult): string[] {
  const warnings: string[] = [];
  for (const run of pod.runs) {
    for (const w of run.warnings) warnings.push(`${pod.pod} ${runLabel(run)}: ${w}`);
    if (run.balancerCounted !== run.result.sent)
      warnings.push(
        `${pod.pod} ${runLabel(run)}: the load balancer counted ${run.balancerCounted} requests, the generator sent ${run.result.sent} (someone else sent to the pod, or a node left during the run)`,
      );
  }
  return warnings;
}

function podSection(pod: LbPodResult): ReportSection {
  const { capacity } = pod;
  const nodes = pod.nodes;
  const throughputRows = pod.runs.map((run) => [
    run.algorithm,
    percent(run.loadFraction),
    run.result.intendedRatePerSecond.toFixed(1),
    run.result.achievedRatePerSecond.toFixed(1),
    run.result.okThroughputPerSecond.toFixed(1),
    ...latencyCells(run.result.latency),
    errorsByClass(run.result),
    run.result.sent,
    run.balancerCounted,
  ]);
  const nodeRows = pod.runs.map((run) => [
    run.algorithm,
    percent(run.loadFraction),
    ...run.nodes.flatMap((n) => [
      `${n.requests} (${percent(n.share)})`,
      n.cpuPercentOfCap === null ? null : `${n.cpuPercentOfCap.toFixed(0)} %`,
    ]),
  ]);
  const fractions = [...new Set(pod.runs.map((r) => r.loadFraction))];
  const firstStart = Math.min(...pod.runs.map((r) => Date.parse(r.result.startedAt)));
  const offset = (run: LbRun) => (Date.parse(run.result.startedAt) - firstStart) / 1000;
  return {
    heading: `Pod ${pod.pod}: ${nodes.length} node(s) of ${pod.cpus} CPU, job ${pod.job.kind} ×${pod.job.scale}`,
    paragraphs: [
      `Capacity measured first: ${capacity.okPerSecond.toFixed(1)} requests/s answered 2xx, with ${capacity.algorithm}, ${capacityHow(capacity)}. The load balancer counted ${capacity.balancerCounted} requests for it; the generator sent ${capacity.sent}.`,
    ],
    tables: [
      {
        caption: `Throughput and latency per algorithm and load (${pod.pod})`,
        columns: [
          'algorithm',
          'load',
          'intended/s',
          'achieved/s',
          'ok/s',
          ...LATENCY_COLUMNS,
          'errors',
          'sent',
          'LB counted',
        ],
        rows: throughputRows,
      },
      {
        caption: `Per node: requests the load balancer sent it (share), CPU used (% of its cap) (${pod.pod})`,
        columns: ['algorithm', 'load', ...nodes.flatMap((n) => [`${n} requests`, `${n} CPU`])],
        rows: nodeRows,
      },
    ],
    charts: [
      {
        kind: 'time',
        title: `${pod.pod}: every run back to back (markers: where each starts)`,
        xLabel: 's since the first run',
        leftLabel: 'requests per second',
        rightLabel: 'latency (ms)',
        rightScale: 'log',
        series: (['ok/s', 'p99 ms'] as const).map((name) => ({
          name,
          axis: name === 'ok/s' ? 'left' : 'right',
          // A gap between runs: the pause between them is not a measurement.
          points: pod.runs.flatMap((run): Point[] => [
            [offset(run), null],
            ...(timelineSeries(run.result, offset(run)).find((s) => s.name === name)?.points ?? []),
          ]),
        })),
        markers: pod.runs.map((run) => ({ x: offset(run), label: runLabel(run) })),
      },
      ...fractions.map((fraction) => ({
        kind: 'percentiles' as const,
        title: `${pod.pod}: latency by percentile at ${percent(fraction)} of capacity`,
        series: pod.runs
          .filter((r) => r.loadFraction === fraction)
          .map((r) => ({ name: r.algorithm, points: latencyPoints(r.result.latency) })),
      })),
      {
        kind: 'bars',
        title: `${pod.pod}: share of requests per node`,
        unit: '% of requests',
        groups: pod.runs.map((run) => ({
          label: runLabel(run),
          bars: run.nodes.map((n) => ({ name: n.node, value: oneDecimal(n.share * 100) })),
        })),
      },
      {
        kind: 'bars',
        title: `${pod.pod}: CPU per node`,
        unit: '% of the node cap',
        groups: pod.runs.map((run) => ({
          label: runLabel(run),
          bars: run.nodes.map((n) => ({ name: n.node, value: oneDecimal(n.cpuPercentOfCap ?? 0) })),
        })),
      },
    ],
  };
}

export function lbExperimentDocument(report: LbExperimentReport): ReportDocument {
  const s = report.settings;
  return {
    title: 'Load-balancing experiment',
    subtitle: `${report.startedAt} to ${report.finishedAt}, ${report.balancer.kind} load balancer at ${report.balancer.url}; algorithms ${s.algorithms.join(', ')}; loads ${s.loads.map(percent).join(', ')} of capacity, ${s.durationS} s each; seed ${s.seed}`,
    notes: [`Load model: ${report.loadModel}.`, `Latency is measured from ${report.latencyFrom}.`],
    warnings: report.pods.flatMap(podWarnings),
    sections: report.pods.map(podSection),
  };
}
