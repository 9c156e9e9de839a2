import type { ReportChart, ReportDocument, ReportSection } from '../../report/report-document';
import type { ElasticityExperimentReport, ElasticityRun } from './elasticity-experiment-report';
import { demandAt, type ElasticityMeasures } from './elasticity-measures';
import {
  capacityHow,
  errorsByClass,
  LATENCY_COLUMNS,
  latencyCells,
  latencyPoints,
  percent,
} from './report-parts';

const seconds = (s: number | null) => (s === null ? 'never' : s.toFixed(1));

function runCharts(report: ElasticityExperimentReport, run: ElasticityRun): ReportChart[] {
  const { scenario, result, samples } = run;
  const shape = {
    ...scenario,
    rateAt: (s: number) =>
      s >= scenario.riseS && s < scenario.fallS ? scenario.peakRate : scenario.baseRate,
    perNodeCapacity: report.capacity.perNodePerSecond,
    minNodes: report.settings.minNodes,
    maxNodes: report.settings.maxNodes,
  };
  const everySecond = Array.from({ length: Math.ceil(scenario.durationS) + 1 }, (_, s) => s);
  const markers = [
    { x: scenario.riseS, label: 'load rises' },
    { x: scenario.fallS, label: 'load falls' },
  ];
  return [
    {
      kind: 'time',
      title: `${run.policy}, ${scenario.name}: load and nodes`,
      xLabel: 's since the load started',
      leftLabel: 'requests per second',
      rightLabel: 'nodes',
      series: [
        { name: 'intended/s', points: everySecond.map((s) => [s, shape.rateAt(s)]), step: true },
        { name: 'ok/s', points: result.timeline.map((b) => [b.second, b.ok]) },
        {
          name: 'nodes needed',
          axis: 'right',
          step: true,
          points: everySecond.map((s) => [s, demandAt(shape, s)]),
        },
        { name: 'nodes serving', axis: 'right', step: true, points: samples.map((x) => [x.atS, x.serving]) },
        { name: 'nodes running', axis: 'right', step: true, points: samples.map((x) => [x.atS, x.running]) },
      ],
      markers,
    },
    {
      kind: 'time',
      title: `${run.policy}, ${scenario.name}: latency per second`,
      xLabel: 's since the load started',
      leftLabel: 'latency (ms)',
      series: [
        { name: 'p50 ms', points: result.timeline.map((b) => [b.second, b.p50Ms]) },
        { name: 'p99 ms', points: result.timeline.map((b) => [b.second, b.p99Ms]) },
      ],
      markers,
      threshold: { y: report.settings.sloMs, label: `SLO ${report.settings.sloMs} ms`, axis: 'left' },
    },
  ];
}

function scenarioSection(report: ElasticityExperimentReport, name: string): ReportSection {
  const runs = report.runs.filter((r) => r.scenario.name === name);
  const s = runs[0].scenario;
  return {
    heading: `${name}: ${s.baseRate.toFixed(0)} → ${s.peakRate.toFixed(0)} req/s at ${s.riseS} s, back at ${s.fallS} s, ${s.durationS} s in all`,
    tables: [
      {
        caption: `Policies on the ${name} (reaction: from the load's change to the first node more / fewer serving)`,
        columns: [
          'policy',
          'scale-out reaction s',
          'scale-in reaction s',
          'node-seconds',
          'peak nodes',
          's over SLO',
          'requests over SLO',
          'direction changes',
          'under-provisioned (nodes, time)',
          'over-provisioned (nodes, time)',
        ],
        rows: runs.map((r) => {
          const m = r.measures;
          return [
            r.policy,
            seconds(m.scaleOutReactionS),
            seconds(m.scaleInReactionS),
            m.nodeSeconds.toFixed(0),
            m.peakNodes,
            m.secondsOverSlo,
            requestsOverSlo(m),
            m.directionChanges,
            `${m.underProvisioning.nodes.toFixed(2)}, ${percent(m.underProvisioning.timeShare)}`,
            `${m.overProvisioning.nodes.toFixed(2)}, ${percent(m.overProvisioning.timeShare)}`,
          ];
        }),
      },
      {
        caption: `What the users saw on the ${name}`,
        columns: ['policy', 'sent', 'ok', ...LATENCY_COLUMNS, 'errors'],
        rows: runs.map((r) => [
          r.policy,
          r.result.sent,
          r.result.ok,
          ...latencyCells(r.result.latency),
          errorsByClass(r.result),
        ]),
      },
    ],
    charts: [
      {
        kind: 'bars',
        title: `${name}: what each policy cost`,
        unit: 'node-seconds',
        groups: [
          {
            label: 'node-seconds',
            bars: runs.map((r) => ({ name: r.policy, value: Math.round(r.measures.nodeSeconds) })),
          },
        ],
      },
      {
        kind: 'bars',
        title: `${name}: what the users felt`,
        unit: 'seconds over the SLO',
        groups: [
          {
            label: `seconds whose p99 was over ${report.settings.sloMs} ms`,
            bars: runs.map((r) => ({ name: r.policy, value: r.measures.secondsOverSlo })),
          },
        ],
      },
      {
        kind: 'bars',
        title: `${name}: requests that missed the SLO`,
        unit: 'requests',
        groups: [
          {
            label: `requests with no 2xx answer within ${report.settings.sloMs} ms (slow, failed or dropped)`,
            bars: runs.map((r) => ({ name: r.policy, value: r.measures.requestsOverSlo ?? 0 })),
          },
        ],
      },
      {
        kind: 'percentiles',
        title: `${name}: latency by percentile per policy`,
        series: runs.map((r) => ({ name: r.policy, points: latencyPoints(r.result.latency) })),
      },
    ],
    sections: runs.map((r) => ({
      heading: `${r.policy} on the ${name}`,
      paragraphs: [`Set on the pod: ${JSON.stringify(r.fields)}.`],
      charts: runCharts(report, r),
    })),
  };
}

export function elasticityExperimentDocument(report: ElasticityExperimentReport): ReportDocument {
  const st = report.settings;
  const scenarios = [...new Set(report.runs.map((r) => r.scenario.name))];
  return {
    title: `Elasticity experiment on pod ${report.pod.name}`,
    subtitle: `${report.startedAt} to ${report.finishedAt}, ${report.balancer.kind} load balancer; ${st.minNodes}–${st.maxNodes} nodes of ${report.pod.cpus} CPU (job ${report.pod.job.kind} ×${report.pod.job.scale}); latency SLO ${st.sloMs} ms; seed ${st.seed}`,
    notes: [
      `Load model: ${report.loadModel}; base ${st.base} and peak ${st.peak} nodes' worth of load.`,
      `One node serves ${report.capacity.perNodePerSecond.toFixed(1)} requests/s (measured on ${report.capacity.nodes} node(s) ${capacityHow(report.capacity)}).`,
      `Demand: ${report.demandModel}. Under- and over-provisioning compare it with the nodes serving (ONLINE); node-seconds count every node that runs (starting, warm, serving, draining).`,
      `Latency is measured from ${report.latencyFrom}; a second is over the SLO when the p99 of the answers in it is.`,
    ],
    warnings: report.runs.flatMap((r) => r.warnings.map((w) => `${r.policy} ${r.scenario.name}: ${w}`)),
    sections: scenarios.map((name) => scenarioSection(report, name)),
  };
}

/** Reports saved before the count was kept have none. */
function requestsOverSlo(m: ElasticityMeasures): string {
  if (m.requestsOverSlo === undefined) return 'n/a';
  return `${m.requestsOverSlo} (${percent(m.requestsOverSloShare ?? 0)})`;
}
