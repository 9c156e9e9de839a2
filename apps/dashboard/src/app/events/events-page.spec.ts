import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { anEvent } from '../../testing/event-fixtures';
import { FakeEventLog } from '../../testing/fake-event-log';
import { FakeManager, houseError } from '../../testing/fake-manager';
import { FakeStreamOpener } from '../../testing/fake-stream';
import { signedIn } from '../../testing/signed-in';
import { aPod } from '../../testing/fixtures';
import { CloudStore } from '../cloud/cloud.store';
import { LiveConnection } from '../cloud/live-connection';
import { EventsPage } from './events-page';

// The real EventsApi and generated client, over a fake manager holding an event log.
describe('EventsPage', () => {
  let manager: FakeManager;
  let log: FakeEventLog;
  let streams: FakeStreamOpener;

  beforeEach(() => {
    manager = new FakeManager();
    manager.pods = [aPod({ name: 'light' }), aPod({ name: 'heavy' })];
    log = new FakeEventLog();
    manager.on('GET', '/api/v1/events', log.answer);
    streams = new FakeStreamOpener();
    TestBed.configureTestingModule({
      providers: [...signedIn(manager, streams), provideRouter([{ path: 'events', component: EventsPage }])],
    });
  });

  async function render(url = '/events'): Promise<{ element: HTMLElement; settle: () => Promise<void> }> {
    await TestBed.inject(CloudStore).refresh();
    TestBed.inject(LiveConnection).connect(manager.token, {
      changed: () => undefined,
      refused: () => undefined,
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, EventsPage);
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve));
      await harness.fixture.whenStable();
    };
    await settle();
    return { element: harness.routeNativeElement as HTMLElement, settle };
  }

  const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const eventReads = (): URLSearchParams[] =>
    manager.requests
      .map((request) => new URL(request.url))
      .filter((url) => url.pathname === '/api/v1/events')
      .map((url) => url.searchParams);
  const lastRead = (): Record<string, string> => Object.fromEntries(eventReads().at(-1) ?? []);
  const rowTypes = (element: HTMLElement): (string | null)[] =>
    [...element.querySelectorAll('li.event')].map((row) => row.getAttribute('data-type'));
  const messages = (element: HTMLElement): string[] =>
    [...element.querySelectorAll('li.event .message')].map((message) => text(message));
  function choose(element: HTMLElement, name: string, value: string): void {
    const control = element.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
    if (!control) throw new Error(`no control named ${name}`);
    control.value = value;
    control.dispatchEvent(new Event('change'));
  }

  it('lists the newest hundred events, newest first, each with its kind, pod link, node and whole message', async () => {
    const decision =
      'AboveUpperThreshold: cpu 82% > 70% for 15 s, adding 1 node (cpu: 82% of 2 nodes, target 50%)';
    log.events = [
      anEvent({ id: 1, type: 'NodeOnline', node: 'light-1', message: 'light-1 online' }),
      anEvent({ id: 2, type: 'ScaleOut', node: null, message: decision }),
      anEvent({ id: 3, type: 'NodeFailed', node: 'light-2', message: 'light-2: exited 137' }),
    ];
    const { element } = await render();

    expect(lastRead()).toEqual({ limit: '100' });
    expect(rowTypes(element)).toEqual(['NodeFailed', 'ScaleOut', 'NodeOnline']);
    expect(messages(element)).toEqual(['light-2: exited 137', decision, 'light-1 online']);
    const failure = element.querySelector('li.event[data-type="NodeFailed"]');
    expect(failure?.getAttribute('data-kind')).toBe('failures');
    expect(text(failure?.querySelector('strato-kind-badge') ?? null)).toBe('failures');
    expect(failure?.querySelector('a.pod')?.getAttribute('href')).toBe('/pods/light');
    expect(text(failure?.querySelector('.node') ?? null)).toBe('light-2');
    expect(element.querySelector('li.event[data-type="ScaleOut"]')?.getAttribute('data-kind')).toBe(
      'scaling',
    );
    expect(element.querySelector('li.event time')?.getAttribute('datetime')).toBe('2026-01-01T10:00:00.000Z');
    expect(element.querySelector('button.older')).toBeNull();
  });

  it('asks the manager for the pod and node chosen, and puts them in the URL', async () => {
    const { element, settle } = await render();
    const podChoices = [...element.querySelectorAll('select[name="pod"] option')].map((option) =>
      text(option),
    );
    expect(podChoices).toEqual(['all pods', 'light', 'heavy']);

    choose(element, 'pod', 'heavy');
    await settle();
    expect(TestBed.inject(Router).url).toBe('/events?pod=heavy');
    expect(lastRead()).toEqual({ pod: 'heavy', limit: '100' });

    choose(element, 'node', ' heavy-3 ');
    await settle();
    expect(TestBed.inject(Router).url).toBe('/events?pod=heavy&node=heavy-3');
    expect(lastRead()).toEqual({ pod: 'heavy', node: 'heavy-3', limit: '100' });

    choose(element, 'pod', '');
    await settle();
    expect(TestBed.inject(Router).url).toBe('/events?node=heavy-3');
    expect(lastRead()).toEqual({ node: 'heavy-3', limit: '100' });
  });

  it('filters a kind over the events read, as the manager takes one type only, and keeps it in the URL', async () => {
    log.events = [
      anEvent({ id: 1, type: 'ScaleIn' }),
      anEvent({ id: 2, type: 'NodeOnline' }),
      anEvent({ id: 3, type: 'ScaleOut' }),
    ];
    const { element, settle } = await render();

    choose(element, 'kind', 'scaling');
    await settle();

    expect(TestBed.inject(Router).url).toBe('/events?kind=scaling');
    expect(lastRead()).toEqual({ limit: '100' });
    expect(rowTypes(element)).toEqual(['ScaleOut', 'ScaleIn']);
  });

  it('reproduces the view a link names', async () => {
    log.events = [
      anEvent({ id: 1, type: 'ScaleOut', pod: 'heavy' }),
      anEvent({ id: 2, type: 'ScaleOut', pod: 'light' }),
      anEvent({ id: 3, type: 'NodeOnline', pod: 'light' }),
    ];
    const { element } = await render('/events?pod=light&kind=scaling');

    expect(lastRead()).toEqual({ pod: 'light', limit: '100' });
    expect(element.querySelector<HTMLSelectElement>('select[name="pod"]')?.value).toBe('light');
    expect(element.querySelector<HTMLSelectElement>('select[name="kind"]')?.value).toBe('scaling');
    expect(rowTypes(element)).toEqual(['ScaleOut']);
  });

  it('puts a live event that matches the filters on top at once, without reading again, and not one that does not', async () => {
    log.events = [anEvent({ id: 1, type: 'ScaleIn', message: 'read' })];
    const { element, settle } = await render('/events?kind=scaling');
    const reads = eventReads().length;

    streams.last.frame({
      kind: 'events',
      lastEventId: 3,
      events: [
        anEvent({ id: 2, type: 'NodeOnline', message: 'other kind' }),
        anEvent({ id: 3, type: 'ScaleOut', message: 'live' }),
      ],
    });
    await settle();

    expect(messages(element)).toEqual(['live', 'read']);
    expect(eventReads()).toHaveLength(reads);
  });

  it('reads the log again when the stream says it missed events', async () => {
    log.events = [anEvent({ id: 1, message: 'before' })];
    const { element, settle } = await render();
    log.events = [anEvent({ id: 7, message: 'after the gap' })];

    streams.last.frame({ kind: 'reset', lastEventId: 7, reason: 'events pruned' });
    await settle();

    expect(eventReads()).toHaveLength(2);
    expect(messages(element)).toEqual(['after the gap']);
  });

  it('loads older events before the oldest read, until the log has no more', async () => {
    log.events = Array.from({ length: 130 }, (_, index) => anEvent({ id: index + 1 }));
    const { element, settle } = await render();
    expect(element.querySelectorAll('li.event')).toHaveLength(100);

    element.querySelector<HTMLButtonElement>('button.older')?.click();
    await settle();

    expect(lastRead()).toEqual({ before: '31', limit: '100' });
    expect(element.querySelectorAll('li.event')).toHaveLength(130);
    expect(messages(element).at(-1)).toBe('event 1');
    expect(element.querySelector('button.older')).toBeNull();
  });

  it('pages from the oldest event read, not the oldest shown, when a kind is filtered', async () => {
    log.events = Array.from({ length: 150 }, (_, index) =>
      anEvent({ id: index + 1, type: index === 0 ? 'ScaleOut' : 'NodeOnline' }),
    );
    const { element, settle } = await render('/events?kind=scaling');
    expect(text(element.querySelector('.empty'))).toBe('No events match these filters among the 100 newest.');

    element.querySelector<HTMLButtonElement>('button.older')?.click();
    await settle();

    expect(lastRead()).toEqual({ before: '51', limit: '100' });
    expect(rowTypes(element)).toEqual(['ScaleOut']);
  });

  it('says how to make events when there are none', async () => {
    const { element } = await render();

    expect(text(element.querySelector('.empty'))).toBe(
      'No events yet — launch a node from a pod page or run cloud launch.',
    );
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows the manager’s message when the read fails', async () => {
    manager.on('GET', '/api/v1/events', () => houseError(503, 'Service Unavailable', 'the store is locked'));
    const { element } = await render();

    expect(text(element.querySelector('[role="alert"]'))).toBe(
      'Cannot read the events: the manager answered 503: the store is locked',
    );
    expect(element.querySelector('.empty')).toBeNull();
  });
});
