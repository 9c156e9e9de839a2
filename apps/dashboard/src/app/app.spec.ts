import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { FakeManager, houseError } from '../testing/fake-manager';
import { aNode, aPod, MemoryStorage } from '../testing/fixtures';
import { FETCH } from './api/strato-api';
import { App } from './app';
import { routes } from './app.routes';
import { DISCONNECTED_AFTER_MS, STREAM_OPENER } from './cloud/live-connection';
import { BROWSER_STORAGE } from './cloud/owner-token.store';
import { FakeStreamOpener } from '../testing/fake-stream';

// The real StratoApi and generated client, over a fake manager behind `fetch`.
describe('App', () => {
  let manager: FakeManager;
  let storage: MemoryStorage;
  let streams: FakeStreamOpener;

  beforeEach(() => {
    manager = new FakeManager();
    storage = new MemoryStorage();
    streams = new FakeStreamOpener();
    TestBed.configureTestingModule({
      providers: [
        { provide: FETCH, useValue: manager.fetch },
        { provide: BROWSER_STORAGE, useValue: storage },
        { provide: STREAM_OPENER, useValue: streams.open },
        provideRouter(routes, withComponentInputBinding()),
      ],
    });
  });

  async function render(): Promise<{ element: HTMLElement; settle: () => Promise<void> }> {
    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/');
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    await settle();
    return { element: fixture.nativeElement as HTMLElement, settle };
  }

  const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const bearers = (): (string | null)[] =>
    manager.requests.map((request) => request.headers.get('Authorization'));

  it('asks for the owner token when none is stored', async () => {
    const { element } = await render();

    expect(text(element.querySelector('.notice--warn'))).toContain('Enter the owner token');
    expect(text(element.querySelector('.notice--warn'))).not.toContain('refused');
    expect(manager.requests).toEqual([]);
  });

  it('shows the pods as soon as the owner saves a token, sent as a bearer token', async () => {
    manager.pods = [aPod({ name: 'light', nodeCounts: { ONLINE: 1 } })];
    manager.nodes = [aNode({ name: 'light-1' })];
    const { element, settle } = await render();

    const input = element.querySelector<HTMLInputElement>('#owner-token');
    if (!input) throw new Error('no token input');
    input.value = 's3cret';
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await settle();

    expect(storage.getItem('strato.ownerToken')).toBe('s3cret');
    expect(bearers()).toEqual(['Bearer s3cret', 'Bearer s3cret']);
    expect(element.querySelector('.notice--warn')).toBeNull();
    expect(element.querySelectorAll('strato-pod-card')).toHaveLength(1);
    expect(text(element.querySelector('tbody td'))).toBe('light-1');
  });

  it('asks for the token again when the manager refuses the stored one', async () => {
    storage.setItem('strato.ownerToken', 'stale');
    manager.pods = [aPod()];
    const { element } = await render();

    expect(bearers()).toContain('Bearer stale');
    expect(text(element.querySelector('.notice--warn'))).toContain('The manager refused this owner token.');
    expect(text(element.querySelector('.notice--warn'))).toContain('Enter the owner token');
    expect(element.querySelector('.notice--error')).toBeNull();
    expect(element.querySelector('strato-pod-card')).toBeNull();
  });

  it('shows the status and the manager’s message when it answers with an error', async () => {
    storage.setItem('strato.ownerToken', 's3cret');
    manager.failure = houseError(503, 'Service Unavailable', 'the store is locked');
    const { element } = await render();

    expect(text(element.querySelector('.notice--error'))).toBe(
      'Cannot read the cloud: the manager answered 503: the store is locked. Retrying every 5 s.',
    );
    expect(element.querySelector('.notice--warn')).toBeNull();
  });

  it('shows whether it is live, and reads the cloud again when the stream announces a change', async () => {
    storage.setItem('strato.ownerToken', 's3cret');
    manager.pods = [aPod({ name: 'light' })];
    const { element, settle } = await render();
    expect(text(element.querySelector('.live-state'))).toBe('Connecting…');
    expect(streams.last.options.token).toBe('s3cret');

    streams.last.state({ state: 'live' });
    streams.last.frame({ kind: 'hello', lastEventId: 4, at: 'now' });
    await settle();
    expect(text(element.querySelector('.live-state'))).toBe('Live');
    expect(element.querySelector('.dot')?.getAttribute('data-live')).toBe('live');

    manager.pods = [aPod({ name: 'light' }), aPod({ name: 'medium' })];
    const reads = manager.requests.length;
    streams.last.frame({
      kind: 'events',
      lastEventId: 5,
      events: [
        { id: 5, at: 'now', type: 'PodCreated', pod: 'medium', node: null, message: 'pod medium created' },
      ],
    });
    await settle();
    const paths = manager.requests.slice(reads).map((request) => new URL(request.url).pathname);
    expect(paths.sort()).toEqual([
      '/api/health',
      '/api/v1/cloud/status',
      '/api/v1/elasticity',
      '/api/v1/nodes',
      '/api/v1/pods',
    ]);
    expect(element.querySelectorAll('strato-pod-card')).toHaveLength(2);
  });

  it('says disconnected when the stream stays down, and recovers without a reload', async () => {
    storage.setItem('strato.ownerToken', 's3cret');
    manager.pods = [aPod({ name: 'light' })];
    const { element, settle } = await render();
    streams.last.state({ state: 'live' });
    jest.useFakeTimers();
    try {
      streams.last.state({ state: 'reconnecting', message: 'connection lost' });
      await Promise.resolve();
      jest.advanceTimersByTime(DISCONNECTED_AFTER_MS);
    } finally {
      jest.useRealTimers();
    }
    await settle();
    expect(text(element.querySelector('.live-state'))).toBe('Disconnected — retrying');
    expect(text(element.querySelector('.notice--error'))).toContain('Disconnected from the manager');

    streams.last.state({ state: 'live' });
    await settle();
    expect(text(element.querySelector('.live-state'))).toBe('Live');
    expect(element.querySelector('.notice--error')).toBeNull();
    expect(element.querySelectorAll('strato-pod-card')).toHaveLength(1);
  });

  it('asks for the token again when the stream refuses it', async () => {
    storage.setItem('strato.ownerToken', 's3cret');
    manager.pods = [aPod({ name: 'light' })];
    const { element, settle } = await render();
    streams.last.state({ state: 'closed', status: 401, message: 'Non-200 status code (401)' });
    await settle();

    expect(text(element.querySelector('.notice--warn'))).toContain('Enter the owner token');
    expect(text(element.querySelector('.live-state'))).toBe('Not signed in');
  });
});
