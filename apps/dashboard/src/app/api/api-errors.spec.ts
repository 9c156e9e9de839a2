import { StratoApiError } from '@strato/api-client';
import { describeFailure, isUnauthorized } from './api-errors';

describe('api errors', () => {
  it('treats a 401 or 403 from the manager as a refused token, nothing else', () => {
    expect(isUnauthorized(new StratoApiError(401, 'wrong owner token', null))).toBe(true);
    expect(isUnauthorized(new StratoApiError(403, 'the agent token cannot call owner routes', null))).toBe(
      true,
    );
    expect(isUnauthorized(new StratoApiError(404, 'unknown pod', null))).toBe(false);
    expect(isUnauthorized(new Error('401'))).toBe(false);
  });

  it.each([
    [new StratoApiError(503, 'the store is locked', {}), 'the manager answered 503: the store is locked'],
    [new StratoApiError(502, '502 Bad Gateway', '<html>'), 'the manager answered 502 Bad Gateway'],
    [new StratoApiError(502, '502 ', '<html>'), 'the manager answered 502'],
    [new TypeError('Failed to fetch'), 'Failed to fetch'],
    ['offline', 'offline'],
  ])('describes %p as "%s"', (error, description) => {
    expect(describeFailure(error)).toBe(description);
  });
});
