import { parseAccessLogLine } from './access-log-line';

describe('parseAccessLogLine', () => {
  it('reads backend, server, total time and status of a served request', () => {
    expect(parseAccessLogLine('be_light n1 16 200\n')).toEqual({
      pod: 'light',
      server: 'n1',
      totalMs: 16,
      status: 200,
    });
    expect(parseAccessLogLine('be_my-pod2 node.a_1 1203 504')).toMatchObject({
      pod: 'my-pod2',
      totalMs: 1203,
    });
  });

  it.each([
    ['a request answered without a server', 'be_light <NOSRV> 0 503'],
    ['an unknown path', 'be_unknown_path <NOSRV> 0 404'],
    ['an aborted request', 'be_light n1 -1 -1'],
    ['an aborted request with a status', 'be_light n1 -1 200'],
    ['the frontend', 'fe_strato - 3 400'],
    ['a syslog header', '<134>Nov 22 12:00:00 haproxy[1]: be_light n1 16 200'],
    ['nothing', ''],
  ])('ignores %s', (_, line) => {
    expect(parseAccessLogLine(line)).toBeNull();
  });
});
