import type { ParamMap, Params } from '@angular/router';
import { BATCH_JOB_STATUSES, type BatchJobStatus, resolvePodAlias } from '@strato/contracts';
import type { JobsQuery } from '../api/jobs.api';

export const JOBS_PAGE_SIZE = 50;

/** What the jobs list shows; `''` for "any". Kept in the URL (`?status=FAILED&pod=heavy&page=2`). */
export interface JobFilter {
  readonly status: BatchJobStatus | '';
  readonly pod: string;
  readonly node: string;
  /** The tasks of one array job. */
  readonly array: string;
  /** 1-based. */
  readonly page: number;
}

export const ANY_JOB: JobFilter = { status: '', pod: '', node: '', array: '', page: 1 };

export function isJobStatus(value: string): value is BatchJobStatus {
  return (BATCH_JOB_STATUSES as readonly string[]).includes(value);
}

export function filterFromQuery(params: ParamMap): JobFilter {
  const status = params.get('status')?.trim().toUpperCase() ?? '';
  const pod = params.get('pod')?.trim() ?? '';
  const page = Number(params.get('page'));
  return {
    status: isJobStatus(status) ? status : '',
    // The manager takes the seed aliases (`?pod=0`); the jobs it lists name the pod itself.
    pod: pod ? resolvePodAlias(pod) : '',
    node: params.get('node')?.trim() ?? '',
    array: params.get('array')?.trim() ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Query params for `Router.navigate`: null drops a param, so the URL names only what is filtered. */
export function filterToQuery(filter: JobFilter): Params {
  return {
    status: filter.status || null,
    pod: filter.pod || null,
    node: filter.node || null,
    array: filter.array || null,
    page: filter.page > 1 ? filter.page : null,
  };
}

export function sameFilter(a: JobFilter, b: JobFilter): boolean {
  return (
    a.status === b.status && a.pod === b.pod && a.node === b.node && a.array === b.array && a.page === b.page
  );
}

export function isFiltered(filter: JobFilter): boolean {
  return !sameFilter({ ...filter, page: 1 }, ANY_JOB);
}

/** One more than a page: whether it came back says if there is a next page, without a count route. */
export function serverQuery(filter: JobFilter): JobsQuery {
  const offset = (filter.page - 1) * JOBS_PAGE_SIZE;
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.pod ? { pod: filter.pod } : {}),
    ...(filter.node ? { node: filter.node } : {}),
    ...(filter.array ? { array: filter.array } : {}),
    limit: JOBS_PAGE_SIZE + 1,
    ...(offset ? { offset } : {}),
  };
}
