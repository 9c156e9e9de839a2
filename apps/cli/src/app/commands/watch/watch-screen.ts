import type { PodMetricsSample } from '@strato/contracts';
import { EVENT_COLUMNS } from '../../columns';
import { type Column, compactTable } from '../../output';
import type { WatchView } from './watch-view';

type Row = PodMetricsSample & { state: string | undefined };

const milliseconds = (ms: number | null): string =>
  ms === null ? '-' : ms < 10 ? ms.toFixed(1) : String(Math.round(ms));

/** "2/3", or "2/3 → 5" while elasticity wants another count than the pod has. */
export function nodesCell({ nodes, desiredNodes }: PodMetricsSample): string {
  const counts = `${nodes.ready}/${nodes.total}`;
  return desiredNodes === null || desiredNodes === nodes.total ? counts : `${counts} → ${desiredNodes}`;
}

const POD_COLUMNS: Column<Row>[] = [
  { header: 'POD', value: (r) => r.pod },
  { header: 'STATE', value: (r) => r.state },
  { header: 'NODES', value: nodesCell },
  { header: 'REQ/S', value: (r) => r.requestRate.toFixed(1) },
  { header: 'P50/P99 MS', value: (r) => `${milliseconds(r.latencyP50Ms)}/${milliseconds(r.latencyP99Ms)}` },
  { header: 'QUEUE', value: (r) => r.queue },
  { header: 'SESSIONS', value: (r) => r.sessions },
  { header: '5XX/S', value: (r) => r.http5xxRate.toFixed(1) },
  { header: 'CPU/CAP', value: (r) => (r.cpuPercent === null ? null : `${Math.round(r.cpuPercent)} %`) },
];

function statusLine({ connection, lastFrameAt }: WatchView): string {
  const state =
    connection.state === 'reconnecting'
      ? `reconnecting (${connection.message})`
      : connection.state === 'closed'
        ? `closed (${connection.message})`
        : connection.state;
  const last = lastFrameAt ? `last frame ${lastFrameAt.toISOString().slice(11, 19)} UTC` : 'no frame yet';
  return `${state} · ${last} · Ctrl-C stops`;
}

/** The whole screen: the pods' live numbers, the last events under them, the connection at the bottom. */
export function watchScreen(view: WatchView): string {
  const pods =
    view.samples.length === 0
      ? 'waiting for the first metrics frame…'
      : compactTable(
          view.samples.map((sample) => ({ ...sample, state: view.podStates.get(sample.pod) })),
          POD_COLUMNS,
        );
  const events =
    view.events.length === 0 ? '(no event since watching)' : compactTable(view.events, EVENT_COLUMNS);
  return `${pods}\nlast events, newest first:\n${events}\n${statusLine(view)}`;
}
