import { anEvent } from '../../testing/event-fixtures';
import { mergeNewestFirst } from './newest-first';

describe('mergeNewestFirst', () => {
  it('orders by id, newest first, and keeps an event found in both lists once', () => {
    const merged = mergeNewestFirst(
      [anEvent({ id: 5 }), anEvent({ id: 3 })],
      [anEvent({ id: 4 }), anEvent({ id: 6 }), anEvent({ id: 3 })],
    );
    expect(merged.map((event) => event.id)).toEqual([6, 5, 4, 3]);
  });
});
