import { StratoApiError, unwrap } from './unwrap';

const response = (status: number) =>
  new Response(null, { status, statusText: status === 200 ? 'OK' : 'Nope' });

describe('unwrap', () => {
  it('resolves to the data of a success', async () => {
    await expect(unwrap(Promise.resolve({ data: [1, 2], response: response(200) }))).resolves.toEqual([1, 2]);
  });

  it("throws the server's message with the status", async () => {
    const error = { statusCode: 404, error: 'Not Found', message: 'unknown pod "x"; known pods: light' };
    const failure = unwrap(Promise.resolve({ error, response: response(404) }));
    await expect(failure).rejects.toBeInstanceOf(StratoApiError);
    await expect(failure).rejects.toMatchObject({
      status: 404,
      message: 'unknown pod "x"; known pods: light',
      body: error,
    });
  });

  it('falls back to the status line when the body has no message', async () => {
    await expect(unwrap(Promise.resolve({ error: 'x', response: response(502) }))).rejects.toThrow(
      '502 Nope',
    );
  });
});
