import { parseShowProc } from './show-proc';

const DURING_RELOAD = `#<PID>          <type>          <reloads>       <uptime>        <version>
7361            master          2 [failed: 1]   0d00h01m22s     2.6.12-1+deb12u4
# workers
8433            worker          0               0d00h00m01s     2.6.12-1+deb12u4
# old workers
7470            worker          1               0d00h01m18s     2.6.12-1+deb12u4
# programs
`;

describe('parseShowProc', () => {
  it('reads the master with its failed reloads, current and old workers', () => {
    expect(parseShowProc(DURING_RELOAD)).toEqual({
      master: { pid: 7361, reloads: 2, failedReloads: 1, uptime: '0d00h01m22s' },
      workers: [{ pid: 8433, reloads: 0, uptime: '0d00h00m01s' }],
      oldWorkers: [{ pid: 7470, reloads: 1, uptime: '0d00h01m18s' }],
    });
  });

  it.each(['', 'Unknown command.\n'])('returns null without a master line (%j)', (text) => {
    expect(parseShowProc(text)).toBeNull();
  });
});
