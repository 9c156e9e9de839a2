import { ATTEMPT_TAG } from '../jobs/attempt-tag';

/**
 * Node programs run with `docker exec <node> node -e …`: the node image has node and nothing else, no shell.
 * The attempt's work directory inside the container holds `pgid` (the job's process group, written once it
 * runs) and `result.json` (how it ended), so a kill and the final state need no process of ours in between.
 */
export const CONTAINER_JOBS_DIR = '/tmp/strato-jobs';

/** `tagged(id)`: the container's processes carrying the attempt's tag (ATTEMPT_TAG), read from /proc. */
const TAGGED_FUNCTION = `
const tagged = (id) => fs.readdirSync('/proc').filter((pid) => /^\\d+$/.test(pid)).filter((pid) => {
  try { return fs.readFileSync('/proc/' + pid + '/environ', 'utf8').split('\\0').includes('${ATTEMPT_TAG}=' + id); } catch { return false; }
}).map(Number);
const signalAll = (pids, s) => { for (const pid of pids) { try { process.kill(pid, s); } catch {} } };
`;

/**
 * argv: the base64 JSON {dir, argv, script?}, split over several arguments (one argument holds at most
 * 128 KiB on Linux). Starts the job in a session of its own, so its pgid is its pid, with our stdout/stderr, and tagged
 * with the attempt's id (the last part of dir); once it exits, what is left of its group and its tag goes.
 */
export const RUN_JOB_SCRIPT = `
const fs = require('fs'), cp = require('child_process');
${TAGGED_FUNCTION}
const p = JSON.parse(Buffer.from(process.argv.slice(1).join(''), 'base64').toString('utf8'));
const id = p.dir.slice(p.dir.lastIndexOf('/') + 1);
fs.mkdirSync(p.dir, { recursive: true });
if (p.script !== undefined) fs.writeFileSync(p.dir + '/script', p.script, { mode: 0o700 });
const end = (result) => {
  fs.writeFileSync(p.dir + '/result.json', JSON.stringify(result));
  process.exit(result.exitCode === null ? 128 : result.exitCode);
};
const env = { ...process.env, ${ATTEMPT_TAG}: id };
const child = cp.spawn(p.argv[0], p.argv.slice(1), { cwd: p.dir, env, detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
child.on('spawn', () => fs.writeFileSync(p.dir + '/pgid', String(child.pid)));
child.on('error', (e) => { process.stderr.write('strato: cannot start ' + p.argv[0] + ': ' + e.message + '\\n'); end({ exitCode: 127, signal: null }); });
child.on('exit', (exitCode, signal) => {
  try { process.kill(-child.pid, 'SIGKILL'); } catch {}
  signalAll(tagged(id), 'SIGKILL');
  end({ exitCode, signal });
});
`;

/**
 * argv: dir, graceMs. SIGTERM to the job's group and its tagged processes, SIGKILL after the grace, then
 * waits until they are gone.
 */
export const KILL_JOB_SCRIPT = `
const fs = require('fs');
${TAGGED_FUNCTION}
const [dir, grace] = process.argv.slice(1);
const id = dir.slice(dir.lastIndexOf('/') + 1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const groupAlive = (pg) => { try { process.kill(-pg, 0); return true; } catch (e) { return e.code !== 'ESRCH'; } };
const alive = (pg) => groupAlive(pg) || tagged(id).length > 0;
const send = (pg, s) => { try { process.kill(-pg, s); } catch {} signalAll(tagged(id), s); };
(async () => {
  let pg = 0;
  for (const until = Date.now() + 3000; !pg && Date.now() < until; await sleep(20)) {
    try { pg = Number(fs.readFileSync(dir + '/pgid', 'utf8')); } catch {}
    if (!pg && fs.existsSync(dir + '/result.json')) return;
  }
  if (!pg) return;
  send(pg, 'SIGTERM');
  for (const until = Date.now() + Number(grace); alive(pg) && Date.now() < until; ) await sleep(20);
  send(pg, 'SIGKILL');
  for (const until = Date.now() + 5000; alive(pg) && Date.now() < until; ) await sleep(20);
})();
`;

/**
 * No argv. Kills every attempt found in CONTAINER_JOBS_DIR (its group and its tagged processes), removes
 * its directory, and prints the attempt ids, one per line.
 */
export const END_LEFTOVER_JOBS_SCRIPT = `
const fs = require('fs');
${TAGGED_FUNCTION}
const root = '${CONTAINER_JOBS_DIR}';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  let ids = [];
  try { ids = fs.readdirSync(root); } catch {}
  for (const id of ids) {
    let pg = 0;
    try { pg = Number(fs.readFileSync(root + '/' + id + '/pgid', 'utf8')); } catch {}
    if (pg) { try { process.kill(-pg, 'SIGKILL'); } catch {} }
    signalAll(tagged(id), 'SIGKILL');
    for (const until = Date.now() + 5000; tagged(id).length > 0 && Date.now() < until; ) await sleep(20);
    fs.rmSync(root + '/' + id, { recursive: true, force: true });
    process.stdout.write(id + '\\n');
  }
})();
`;

/** argv: dir. Prints result.json (empty if absent) and removes the work directory. */
export const COLLECT_RESULT_SCRIPT = `
const fs = require('fs');
const dir = process.argv[1];
try { process.stdout.write(fs.readFileSync(dir + '/result.json', 'utf8')); } catch {}
fs.rmSync(dir, { recursive: true, force: true });
`;

/** argv: candidate paths. Prints the first that exists. */
export const FIND_FILE_SCRIPT = `
const fs = require('fs');
process.stdout.write(process.argv.slice(1).find((path) => fs.existsSync(path)) || '');
`;

const ARG_CHUNK = 64 * 1024;

/** The base64 of the payload in arguments of at most 64 KiB. */
export function payloadArgs(payload: unknown): string[] {
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64');
  const args: string[] = [];
  for (let at = 0; at < encoded.length; at += ARG_CHUNK) args.push(encoded.slice(at, at + ARG_CHUNK));
  return args;
}
