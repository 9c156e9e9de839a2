import { TestBed } from '@angular/core/testing';
import { StratoApiError } from '@strato/api-client';
import { FakeStratoApi } from '../../testing/fake-strato-api';
import { aNode, aPod, MemoryStorage } from '../../testing/fixtures';
import { StratoApi } from '../api/strato-api';
import { CloudStore } from './cloud.store';
import { BROWSER_STORAGE } from './owner-token.store';

describe('CloudStore', () => {
  let api: FakeStratoApi;
  let storage: MemoryStorage;

  function createStore(token: string | null): CloudStore {
    if (token !== null) storage.setItem('strato.ownerToken', token);
    TestBed.configureTestingModule({
      providers: [
        { provide: StratoApi, useValue: api },
        { provide: BROWSER_STORAGE, useValue: storage },
      ],
    });
    return TestBed.inject(CloudStore);
  }

  beforeEach(() => {
    api = new FakeStratoApi();
    storage = new MemoryStorage();
  });

  it('loads pods with their own nodes, sorted by name, using the stored owner token', async () => {
    api.pods = [aPod({ name: 'light' }), aPod({ name: 'heavy' })];
    api.nodes = [
      aNode({ name: 'light-10', pod: 'light' }),
      aNode({ name: 'heavy-1', pod: 'heavy' }),
      aNode({ name: 'light-2', pod: 'light' }),
    ];
    const store = createStore('s3cret');

    await store.refresh();

    expect(api.tokensSeen).toEqual(['s3cret', 's3cret']);
    expect(store.pods().map((entry) => [entry.pod.name, entry.nodes.map((node) => node.name)])).toEqual([
      ['light', ['light-2', 'light-10']],
      ['heavy', ['heavy-1']],
    ]);
    expect(store.loadedAt()).toBeInstanceOf(Date);
    expect(store.error()).toBeNull();
    expect(store.needsToken()).toBe(false);
  });

  it('reports loading while a read is out and skips a poll that arrives meanwhile', async () => {
    const store = createStore('s3cret');

    const first = store.refresh();
    expect(store.loading()).toBe(true);
    await store.refresh();
    await first;

    expect(api.tokensSeen).toHaveLength(2);
    expect(store.loading()).toBe(false);
  });

  it('reads once more after the read that is out when changes are announced meanwhile, however many', async () => {
    const store = createStore('s3cret');
    api.pods = [aPod({ name: 'light' })];

    const first = store.refresh();
    api.pods = [aPod({ name: 'light' }), aPod({ name: 'medium' })];
    await Promise.all([store.changed(), store.changed(), store.changed()]);
    await first;

    expect(api.tokensSeen).toHaveLength(4);
    expect(store.pods().map((p) => p.pod.name)).toEqual(['light', 'medium']);
    expect(store.loading()).toBe(false);
  });

  it('forgets the cloud and asks for the token when the stream refuses it', async () => {
    api.pods = [aPod()];
    const store = createStore('s3cret');
    await store.refresh();
    store.tokenRefused();

    expect(store.needsToken()).toBe(true);
    expect(store.pods()).toEqual([]);
  });

  it('asks for the owner token without calling the API when none is stored', async () => {
    const store = createStore(null);

    await store.refresh();

    expect(api.tokensSeen).toEqual([]);
    expect(store.needsToken()).toBe(true);
  });

  it('asks for the token again and drops what it showed when the manager answers 401', async () => {
    api.pods = [aPod()];
    const store = createStore('old');
    await store.refresh();

    api.failure = new StratoApiError(401, 'wrong owner token', null);
    await store.refresh();

    expect(store.needsToken()).toBe(true);
    expect(store.pods()).toEqual([]);
  });

  it('keeps the last pods on screen and reports the error when the manager is unreachable', async () => {
    api.pods = [aPod()];
    const store = createStore('s3cret');
    await store.refresh();

    api.failure = new TypeError('Failed to fetch');
    await store.refresh();

    expect(store.error()).toEqual({ kind: 'unreachable', message: 'Failed to fetch' });
    expect(store.unreachable()).toBe('Failed to fetch');
    expect(store.pods().map((entry) => entry.pod.name)).toEqual(['light']);
    expect(store.needsToken()).toBe(false);
  });

  it('reports the status and message when the manager answers with an error', async () => {
    api.pods = [aPod()];
    const store = createStore('s3cret');
    await store.refresh();

    api.failure = new StratoApiError(503, 'the store is locked', null);
    await store.refresh();

    expect(store.unreachable()).toBe('the manager answered 503: the store is locked');
    expect(store.pods()).toHaveLength(1);
    expect(store.needsToken()).toBe(false);
  });

  it('stores a new token and reads the cloud with it at once', async () => {
    api.pods = [aPod()];
    const store = createStore(null);

    await store.saveToken('  fresh  ');

    expect(storage.getItem('strato.ownerToken')).toBe('fresh');
    expect(api.tokensSeen).toEqual(['fresh', 'fresh']);
    expect(store.pods()).toHaveLength(1);
  });
});
