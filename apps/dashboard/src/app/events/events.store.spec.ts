import { TestBed } from '@angular/core/testing';
import type { CloudEvent } from '@strato/api-client';
import { anEvent } from '../../testing/event-fixtures';
import { FakeEventLog } from '../../testing/fake-event-log';
import { FakeManager } from '../../testing/fake-manager';
import { MemoryStorage } from '../../testing/fixtures';
import { FETCH } from '../api/strato-api';
import { BROWSER_STORAGE } from '../cloud/owner-token.store';
import { ANY_EVENT } from './event-filter';
import { EventsStore } from './events.store';

// The real EventsApi over a fake manager whose answers the test releases, to order reads and live events.
describe('EventsStore', () => {
  let log: FakeEventLog;
  let held: (() => void)[];
  let store: EventsStore;

  beforeEach(() => {
    const manager = new FakeManager();
    log = new FakeEventLog();
    held = [];
    manager.on(
      'GET',
      '/api/v1/events',
      (request) => new Promise<Response>((resolve) => held.push(() => resolve(log.answer(request)))),
    );
    const storage = new MemoryStorage();
    storage.setItem('strato.ownerToken', manager.token);
    TestBed.configureTestingModule({
      providers: [
        { provide: FETCH, useValue: manager.fetch },
        { provide: BROWSER_STORAGE, useValue: storage },
        EventsStore,
      ],
    });
    store = TestBed.inject(EventsStore);
  });

  async function answer(index: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    held[index]();
    await new Promise((resolve) => setTimeout(resolve));
  }

  const ids = (events: readonly CloudEvent[]): number[] => events.map((event) => event.id);

  it('keeps a live event that came while the first page was being read, newer than that page', async () => {
    log.events = [anEvent({ id: 1 }), anEvent({ id: 2 })];
    const shown = store.show(ANY_EVENT);
    store.receive([anEvent({ id: 3 })]);
    await answer(0);
    await shown;

    expect(ids(store.events())).toEqual([3, 2, 1]);
  });

  it('shows each event once when the page read holds one the stream brought too', async () => {
    log.events = [anEvent({ id: 1 }), anEvent({ id: 2 })];
    const shown = store.show(ANY_EVENT);
    store.receive([anEvent({ id: 2 })]);
    await answer(0);
    await shown;

    expect(ids(store.events())).toEqual([2, 1]);
  });

  it('drops the answer to a filter replaced while it was being read', async () => {
    log.events = [anEvent({ id: 1, pod: 'light' }), anEvent({ id: 2, pod: 'heavy' })];
    const first = store.show(ANY_EVENT);
    const second = store.show({ ...ANY_EVENT, pod: 'heavy' });
    await answer(1);
    await second;
    await answer(0);
    await first;

    expect(ids(store.events())).toEqual([2]);
    expect(store.loading()).toBeNull();
  });
});
