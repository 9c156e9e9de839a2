import { exitCodeForSignal } from '../exit-status';
import type { NodeExitedEvent } from '../runtime-event';
import type { WatchedProcess } from './process-exit-watcher';

/** What the child handle told us; undefined when the node was not our child and its status is lost. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The exited event of a process node. The OOM killer sends SIGKILL; a SIGKILL while the group's oom_kill
 * counter is up is taken as the OOM kill. Without the child's status, the counter alone is the evidence.
 */
export function processExitedEvent(
  watched: WatchedProcess,
  exit: ChildExit | undefined,
  oomKills: number,
  at: number,
): NodeExitedEvent {
  const { nodeId, incarnation, pod } = watched;
  const base = { type: 'exited' as const, nodeId, incarnation, pod, at };
  if (exit === undefined) {
    const oomKilled = oomKills > 0;
    return oomKilled
      ? { ...base, exitCode: exitCodeForSignal('SIGKILL'), signal: 'SIGKILL', oomKilled }
      : { ...base, exitCode: null, signal: null, oomKilled };
  }
  const exitCode = exit.signal === null ? exit.code : exitCodeForSignal(exit.signal);
  return { ...base, exitCode, signal: exit.signal, oomKilled: exit.signal === 'SIGKILL' && oomKills > 0 };
}
