import type { JobAttempt } from '@strato/api-client';
import { endOf, formatDuration } from './job-format';

/** One attempt of a job as its page lists it. */
export interface AttemptView {
  readonly number: number;
  readonly node: string;
  readonly agent: string | null;
  readonly running: boolean;
  /** "exit 1", "NodeLost (signal SIGKILL)"; null while it runs, or when it ended with nothing told. */
  readonly end: string | null;
  /** Ended other than by exit 0. */
  readonly failed: boolean;
  /** How long it ran; while it runs, so far (counted to `now`). */
  readonly runTime: string;
}

/** The job's attempts, oldest first, as the manager lists them. */
export function attemptViews(attempts: readonly JobAttempt[], now: number): AttemptView[] {
  return attempts.map((attempt) => {
    const running = attempt.endedAt === null;
    const ranMs = (running ? now : Date.parse(attempt.endedAt as string)) - Date.parse(attempt.startedAt);
    return {
      number: attempt.attempt,
      node: attempt.node,
      agent: attempt.agent,
      running,
      end: running ? null : endOf(attempt),
      failed: !running && (attempt.exitCode !== 0 || attempt.reason !== null),
      runTime: running ? `${formatDuration(ranMs)} so far` : formatDuration(ranMs),
    };
  });
}
