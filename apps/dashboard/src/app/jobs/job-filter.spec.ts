import { convertToParamMap } from '@angular/router';
import { ANY_JOB, filterFromQuery, filterToQuery, isFiltered, serverQuery } from './job-filter';

describe('job filter', () => {
  it('reads the URL, dropping what the manager would refuse', () => {
    expect(
      filterFromQuery(convertToParamMap({ status: 'failed', pod: '2', node: ' n1 ', page: '3' })),
    ).toEqual({
      status: 'FAILED',
      pod: 'heavy',
      node: 'n1',
      array: '',
      page: 3,
    });
    expect(filterFromQuery(convertToParamMap({ status: 'DONE', page: '-1' }))).toEqual(ANY_JOB);
    expect(filterFromQuery(convertToParamMap({ page: '1.5' })).page).toBe(1);
  });

  it('names in the URL only what is filtered', () => {
    expect(filterToQuery(ANY_JOB)).toEqual({ status: null, pod: null, node: null, array: null, page: null });
    expect(filterToQuery({ ...ANY_JOB, status: 'QUEUED', page: 2 })).toMatchObject({
      status: 'QUEUED',
      page: 2,
    });
  });

  it('asks for one job more than a page, after the pages before', () => {
    expect(serverQuery(ANY_JOB)).toEqual({ limit: 51 });
    expect(serverQuery({ ...ANY_JOB, pod: 'light', array: 'job-a', page: 3 })).toEqual({
      pod: 'light',
      array: 'job-a',
      limit: 51,
      offset: 100,
    });
  });

  it('does not count the page as a filter', () => {
    expect(isFiltered({ ...ANY_JOB, page: 4 })).toBe(false);
    expect(isFiltered({ ...ANY_JOB, node: 'n1' })).toBe(true);
  });
});
