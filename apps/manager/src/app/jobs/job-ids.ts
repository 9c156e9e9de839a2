import { randomBytes } from 'node:crypto';

/** `job-` and 8 hex digits: short enough to type, 4 billion values against collisions (inserts check). */
export const newJobId = (): string => `job-${randomBytes(4).toString('hex')}`;

/** A task of an array: the array's id and its index, as AWS Batch names them (`parent:index`). */
export const arrayTaskId = (arrayId: string, index: number): string => `${arrayId}-${index}`;

/** Unique per attempt of any job, so a report names exactly one. */
export const newAttemptId = (jobId: string, number: number): string =>
  `${jobId}.${number}-${randomBytes(3).toString('hex')}`;
