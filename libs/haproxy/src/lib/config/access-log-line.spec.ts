import { parseAccessLogLine } from './access-log-line';

describe('parseAccessLogLine', () => {
  it('reads backend, server, total time, status and the 1 in N the request was logged at', () => {
    expect(parseAccessLogLine('be_light n1 16 200 37\n')).toEqual({
      pod: 'light',
      server: 'n1',
      totalMs: 16,
      status: 200,
      weight: 37,
    });
    expect(parseAccessLogLine('be_my-pod2 node.a_1 1203 504 2')).toMatchObject({
      pod: 'my-pod2',
      totalMs: 1203,
      weight: 2,
    });
  });

  it.each([
    ['logged below the sampling rate (0)', 'be_light n1 16 200 0'],
    ['logged 1 in 1', 'be_light n1 16 200 1'],
    ['without the variable', 'be_light n1 16 200 -'],
    ['from a worker started before the field existed', 'be_light n1 16 200'],
  ])('counts a line once when %s', (_, line) => {
    expect(parseAccessLogLine(line)).toMatchObject({ totalMs: 16, weight: 1 });
  });

  it.each([
    ['a request answered without a server', 'be_light <NOSRV> 0 503 4'],
    ['an unknown path', 'be_unknown_path <NOSRV> 0 404 -'],
    ['an aborted request', 'be_light n1 -1 -1 4'],
    ['an aborted request with a status', 'be_light n1 -1 200 4'],
    ['the frontend', 'fe_strato - 3 400 -'],
    ['a syslog header', '<134>Nov 22 12:00:00 haproxy[1]: be_light n1 16 200 4'],
    ['a negative factor', 'be_light n1 16 200 -4'],
    ['nothing', ''],
  ])('ignores %s', (_, line) => {
    expect(parseAccessLogLine(line)).toBeNull();
  });
});
