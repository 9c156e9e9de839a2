import { TestBed } from '@angular/core/testing';
import { StratoApiError } from '@strato/api-client';
import { FakeManager, houseError } from '../../testing/fake-manager';
import { aNode, aPod } from '../../testing/fixtures';
import { FETCH, StratoApi } from './strato-api';

describe('StratoApi', () => {
  let manager: FakeManager;
  let api: StratoApi;

  beforeEach(() => {
    manager = new FakeManager();
    TestBed.configureTestingModule({ providers: [{ provide: FETCH, useValue: manager.fetch }] });
    api = TestBed.inject(StratoApi);
  });

  it('reads the pods on the page origin with the owner token as a bearer token', async () => {
    manager.pods = [aPod({ name: 'light' }), aPod({ name: 'heavy' })];

    await expect(api.listPods('s3cret')).resolves.toEqual(manager.pods);
    const [request] = manager.requests;
    expect(request.method).toBe('GET');
    expect(request.url).toBe(`${document.location.origin}/api/v1/pods`);
    expect(request.headers.get('Authorization')).toBe('Bearer s3cret');
  });

  it('reads the nodes', async () => {
    manager.nodes = [aNode({ name: 'light-1' })];

    await expect(api.listNodes('s3cret')).resolves.toEqual(manager.nodes);
    expect(new URL(manager.requests[0].url).pathname).toBe('/api/v1/nodes');
  });

  it('sends the token given to each call, not the one of an earlier call', async () => {
    await expect(api.listPods('old')).rejects.toMatchObject({ status: 401 });
    await api.listNodes('s3cret');

    expect(manager.requests.map((request) => request.headers.get('Authorization'))).toEqual([
      'Bearer old',
      'Bearer s3cret',
    ]);
  });

  it("rejects a refused token with the client's StratoApiError, status 401", async () => {
    await expect(api.listPods('wrong')).rejects.toMatchObject({
      name: 'StratoApiError',
      status: 401,
      message: 'wrong owner token (the right one is in data/owner-token)',
    });
  });

  it("rejects any other failure with the status and the manager's message", async () => {
    manager.failure = houseError(503, 'Service Unavailable', 'the store is locked');

    const failure = api.listNodes('s3cret');

    await expect(failure).rejects.toBeInstanceOf(StratoApiError);
    await expect(failure).rejects.toMatchObject({ status: 503, message: 'the store is locked' });
  });
});
