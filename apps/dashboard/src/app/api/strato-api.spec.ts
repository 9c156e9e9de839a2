import { TestBed } from '@angular/core/testing';
import { aPod } from '../../testing/fixtures';
import { ApiRequestError, UnauthorizedError } from './api-errors';
import { FETCH, type Fetch, StratoApi } from './strato-api';

describe('StratoApi', () => {
  function apiAnswering(response: Response): { api: StratoApi; fetch: jest.Mock } {
    const fetch = jest.fn<ReturnType<Fetch>, Parameters<Fetch>>().mockResolvedValue(response);
    TestBed.configureTestingModule({ providers: [{ provide: FETCH, useValue: fetch }] });
    return { api: TestBed.inject(StratoApi), fetch };
  }

  it('reads the pods on the same origin with the owner token as a bearer token', async () => {
    const pods = [aPod()];
    const { api, fetch } = apiAnswering(fakeResponse(200, JSON.stringify(pods)));

    await expect(api.listPods('s3cret')).resolves.toEqual(pods);
    expect(fetch).toHaveBeenCalledWith('/api/v1/pods', {
      headers: { Accept: 'application/json', Authorization: 'Bearer s3cret' },
    });
  });

  it('turns a 401 into an UnauthorizedError', async () => {
    const { api } = apiAnswering(fakeResponse(401, '{"message":"Unauthorized"}'));

    await expect(api.listNodes('wrong')).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('turns any other failure into an ApiRequestError naming the path and status', async () => {
    const { api } = apiAnswering(fakeResponse(503, 'boom'));

    await expect(api.listNodes('s3cret')).rejects.toEqual(new ApiRequestError('/api/v1/nodes', 503, 'boom'));
  });
});

// jsdom has no fetch `Response`; the API reads only these four members.
function fakeResponse(status: number, body: string): Response {
  const response: Pick<Response, 'status' | 'ok' | 'text' | 'json'> = {
    status,
    ok: status >= 200 && status < 300,
    text: () => Promise.resolve(body),
    json: () => Promise.resolve(JSON.parse(body)),
  };
  return response as Response;
}
