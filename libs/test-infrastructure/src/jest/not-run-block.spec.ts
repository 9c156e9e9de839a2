import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logNotRun, notRunEntry } from '../lib/not-run-log';
import { NOT_RUN_FILE_ENV, printNotRun, startNotRunLog } from './not-run-block.cjs';

describe('the not-run block', () => {
  const root = '/work/repo';
  const dir = mkdtempSync(join(tmpdir(), 'strato-not-run-'));
  const file = join(dir, 'not-run.jsonl');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const printed = (): string => {
    let text = '';
    printNotRun(root, file, (chunk) => (text += chunk));
    return text;
  };

  it('lists every variant not run once, with why and how to enable each missing part', () => {
    const skeleton = `${root}/apps/cloud-e2e/src/walking-skeleton.e2e.spec.ts`;
    logNotRun(notRunEntry('walking skeleton on docker + haproxy', skeleton, ['docker', 'haproxy']), file);
    // The same variant again (the module was loaded twice): listed once.
    logNotRun(notRunEntry('walking skeleton on docker + haproxy', skeleton, ['docker', 'haproxy']), file);
    logNotRun(notRunEntry('HaproxyWatchdog', `${root}/libs/haproxy/src/watchdog.spec.ts`, ['haproxy']), file);
    expect(printed()).toBe(
      [
        '',
        'Not run on this machine: 2 test variant(s) need Docker or HAProxy (CI=true fails them instead of skipping)',
        '  ○ walking skeleton on docker + haproxy  (apps/cloud-e2e/src/walking-skeleton.e2e.spec.ts; no docker engine, no haproxy binary)',
        '  ○ HaproxyWatchdog  (libs/haproxy/src/watchdog.spec.ts; no haproxy binary)',
        'Why, and how to run them:',
        '  no docker engine: nothing answers /_ping on DOCKER_HOST or /var/run/docker.sock',
        '    → tools/dev-env.sh (installs Docker and starts dockerd)',
        '  no haproxy binary: none in HAPROXY_BIN, on PATH, in /usr/sbin or /usr/local/sbin',
        '    → tools/dev-env.sh (apt-get install -y haproxy)',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when every variant ran, and the last run is forgotten', () => {
    expect(printed()).toBe('');
  });

  it('names a fresh file for the workers in the environment', () => {
    const env: Record<string, string> = {};
    expect(startNotRunLog(env)).toBe(env[NOT_RUN_FILE_ENV]);
    expect(env[NOT_RUN_FILE_ENV]).toMatch(/strato-not-run-\d+-\d+\.jsonl$/);
  });
});
