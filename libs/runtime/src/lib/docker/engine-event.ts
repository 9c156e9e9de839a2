import { signalForExitCode } from '../exit-status';
import type { RuntimeEvent } from '../runtime-event';
import { incarnationOf, LABEL } from './container-config';

/** The fields we use of one message of the engine's /events stream (API v1.41). */
export interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  /** ns since the epoch; JSON numbers lose the last digits, which is fine for ordering. */
  timeNano?: number;
}

export function engineEventKey(event: EngineEvent): string {
  return `${event.Actor?.ID ?? ''}:${event.Action ?? ''}:${event.timeNano ?? 0}`;
}

/**
 * Our event for a container `die` or `oom`, or undefined for anything else. The container's labels come back
 * as Actor attributes; with an init as PID 1 a signal death reads as exit code 128 + n.
 */
export function toRuntimeEvent(event: EngineEvent, oomKilled: boolean): RuntimeEvent | undefined {
  const attributes = event.Actor?.Attributes ?? {};
  const nodeId = attributes[LABEL.node];
  const pod = attributes[LABEL.pod] ?? '';
  if (event.Type !== 'container' || nodeId === undefined) return undefined;
  const at = Math.round((event.timeNano ?? Date.now() * 1e6) / 1e6);
  if (event.Action === 'oom') return { type: 'oom', nodeId, pod, at };
  if (event.Action !== 'die') return undefined;
  const parsed = Number(attributes['exitCode']);
  const exitCode = attributes['exitCode'] === undefined || !Number.isInteger(parsed) ? null : parsed;
  const signal = exitCode === null ? null : signalForExitCode(exitCode);
  const incarnation = incarnationOf(attributes);
  return { type: 'exited', nodeId, incarnation, pod, exitCode, signal, oomKilled, at };
}
