import type { Job, JobAttempt } from '@strato/api-client';

/** A workload job that SUCCEEDED on its first attempt, unless told otherwise; its attempts not listed. */
export function aJob(overrides: Partial<Job> & Pick<Job, 'id'>): Job {
  return {
    pod: 'light',
    workload: { name: 'light', params: { scale: 1 } },
    script: null,
    timeoutS: 3600,
    priority: 0,
    retry: { maxRetries: 2, backoffBaseMs: 1000, backoffMaxMs: 60_000, rules: [] },
    array: null,
    status: 'SUCCEEDED',
    abortRequested: false,
    node: 'light-1',
    attempt: 1,
    exitCode: 0,
    signal: null,
    reason: null,
    submittedAt: '2026-01-01T10:00:00.000Z',
    queuedAt: '2026-01-01T10:00:00.000Z',
    startedAt: '2026-01-01T10:00:01.000Z',
    finishedAt: '2026-01-01T10:00:03.500Z',
    durationMs: 2500,
    attempts: [],
    ...overrides,
  };
}

/** A job that is running its attempt `attempt` (1 unless told) on light-1. */
export function aRunningJob(overrides: Partial<Job> & Pick<Job, 'id'>): Job {
  return aJob({ status: 'RUNNING', exitCode: null, finishedAt: null, durationMs: null, ...overrides });
}

/** Attempt 1 on light-1 (agent local), that ran 2.5 s and exited 0, unless told otherwise. */
export function anAttempt(overrides: Partial<JobAttempt> = {}): JobAttempt {
  return {
    attempt: 1,
    node: 'light-1',
    agent: 'local',
    startedAt: '2026-01-01T10:00:01.000Z',
    endedAt: '2026-01-01T10:00:03.500Z',
    exitCode: 0,
    signal: null,
    reason: null,
    ...overrides,
  };
}
