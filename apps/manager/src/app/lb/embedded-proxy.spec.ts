import { noOnlineNodeBody } from '@strato/contracts';
import { createServer, type Server } from 'node:http';
import { forwardRequest } from './embedded-proxy';
import { httpGet } from './testing/lb-test-fixtures';

describe('forwardRequest', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // A pool whose pick comes back empty: every server left rotation between the check and the pick.
    server = createServer((req, res) =>
      forwardRequest(req, res, () => null, { pod: 'light', serverTimeoutMs: 1000, retries: 2 }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/light`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers 503 "no online node" when the pick comes back empty', async () => {
    const answer = await httpGet(url, 2000);
    expect(answer).toEqual({
      status: 503,
      contentType: 'application/json',
      body: noOnlineNodeBody('light'),
    });
  });
});
