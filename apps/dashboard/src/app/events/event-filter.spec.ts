import { convertToParamMap } from '@angular/router';
import { anEvent } from '../../testing/event-fixtures';
import { ANY_EVENT, filterFromQuery, filterToQuery, matchesFilter, serverQuery } from './event-filter';

describe('event filter', () => {
  it.each([
    [{}, ANY_EVENT],
    [
      { pod: 'light', kind: 'scaling' },
      { pod: 'light', node: '', kind: 'scaling' },
    ],
    [
      { pod: '0', node: ' light-2 ' },
      { pod: 'light', node: 'light-2', kind: 'all' },
    ],
    [{ kind: 'bogus' }, ANY_EVENT],
  ])('reads %j from the URL as %j', (params, filter) => {
    expect(filterFromQuery(convertToParamMap(params))).toEqual(filter);
  });

  it('names in the URL only what is filtered', () => {
    expect(filterToQuery({ pod: 'light', node: '', kind: 'all' })).toEqual({
      pod: 'light',
      node: null,
      kind: null,
    });
    expect(filterToQuery({ pod: '', node: 'n1', kind: 'failures' })).toEqual({
      pod: null,
      node: 'n1',
      kind: 'failures',
    });
  });

  it('leaves the kind out of what the manager is asked', () => {
    expect(serverQuery({ pod: 'light', node: 'n1', kind: 'scaling' })).toEqual({ pod: 'light', node: 'n1' });
    expect(serverQuery(ANY_EVENT)).toEqual({});
  });

  it.each([
    [ANY_EVENT, true],
    [{ ...ANY_EVENT, pod: 'light' }, true],
    [{ ...ANY_EVENT, pod: 'heavy' }, false],
    [{ ...ANY_EVENT, node: 'light-2' }, true],
    [{ ...ANY_EVENT, node: 'light-1' }, false],
    [{ ...ANY_EVENT, kind: 'failures' as const }, true],
    [{ ...ANY_EVENT, kind: 'scaling' as const }, false],
  ])('matches a NodeFailed event of light-2 against %j: %s', (filter, expected) => {
    const event = anEvent({ id: 1, type: 'NodeFailed', pod: 'light', node: 'light-2' });
    expect(matchesFilter(event, filter)).toBe(expected);
  });
});
