#!/usr/bin/env node
// `npm start`: one working cloud on this machine. Starts the proxy agent and the manager (which runs the
// load balancer), on embedded defaults unless Docker / HAProxy are there, prints where everything is,
// and on Ctrl-C stops everything it started: manager, load balancer, agent and every node.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { dockerImageExists, dockerReachable, findBinary } from './lib/host-probes.mjs';
import { tail, waitForAgent, waitForHttp } from './lib/process-utils.mjs';

const root = resolve(import.meta.dirname, '..');
const env = process.env;
const dataDir = resolve(root, env.STRATO_DATA_DIR ?? 'data');
const managerPort = Number(env.STRATO_PORT ?? 8080);
const agentPort = Number(env.STRATO_AGENT_PORT ?? 8081);
const lbPort = Number(env.STRATO_LB_PORT ?? 8000);
const ONE_MACHINE_OVERCOMMIT = '10';
const image = env.STRATO_NODE_IMAGE ?? 'strato-node:latest';
const say = (line = '') => process.stdout.write(`${line}\n`);

function agentToken() {
  if (env.STRATO_AGENT_TOKEN) return env.STRATO_AGENT_TOKEN;
  const file = resolve(dataDir, 'agent-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

async function chooseRuntime() {
  const wanted = env.STRATO_RUNTIME ?? 'auto';
  if (!['auto', 'docker', 'process', 'swarm'].includes(wanted))
    throw new Error(`STRATO_RUNTIME must be auto, docker, process or swarm, got "${wanted}"`);
  if (wanted === 'process') return 'process';
  // The agent drives the swarm whose manager engine DOCKER_HOST names (tools/swarm-daemon.sh starts one).
  if (wanted === 'swarm') return 'swarm';
  const reachable = await dockerReachable();
  if (!reachable) {
    if (wanted === 'docker')
      throw new Error(
        'STRATO_RUNTIME=docker but no Docker engine answers on /var/run/docker.sock: start it (tools/dev-env.sh)',
      );
    return 'process';
  }
  if (!(await dockerImageExists(image))) {
    say(`building the node image ${image} (first start with Docker, offline, about a second)…`);
    await run('bash', [resolve(root, 'tools/build-node-image.sh')]);
  }
  return 'docker';
}

function chooseLoadBalancer() {
  const wanted = env.STRATO_LB ?? 'auto';
  if (!['auto', 'haproxy', 'embedded'].includes(wanted))
    throw new Error(`STRATO_LB must be auto, haproxy or embedded, got "${wanted}"`);
  if (wanted !== 'auto') return wanted;
  return findBinary('haproxy') ? 'haproxy' : 'embedded';
}

function run(command, args) {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? ok() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

const children = [];

function startChild(name, script, childEnv) {
  const logFile = resolve(dataDir, 'logs', `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [resolve(root, script)], {
    cwd: root,
    env: { ...env, ...childEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const entry = { name, child, logFile, exited: false };
  child.on('exit', (code, signal) => {
    entry.exited = true;
    if (!stopping) {
      console.error(
        `\n${name} exited unexpectedly (${signal ?? `code ${code}`}); last lines of ${relative(root, logFile)}:\n${tail(logFile, 20)}`,
      );
      void stop(1);
    }
  });
  children.push(entry);
  return entry;
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('\nstopping Strato…');
  // Manager first (it takes the load balancer down and records nothing more), then the agent (it
  // removes every node; the store keeps them ONLINE, so the next start brings them back).
  for (const entry of children) {
    if (entry.exited) continue;
    entry.child.kill('SIGTERM');
    const exited = new Promise((ok) => entry.child.once('exit', ok));
    const timeout = new Promise((ok) => setTimeout(ok, 20_000).unref());
    await Promise.race([exited, timeout]);
    if (!entry.exited) entry.child.kill('SIGKILL');
    say(`  ${entry.name} stopped`);
  }
  process.exit(code);
}

/** Whether the agent's runtime holds nodes to their CPU and memory caps on this machine, and why not. */
async function nodeCaps(agentUrl, token) {
  try {
    const response = await fetch(`${agentUrl}/agent/v1/info`, {
      headers: { 'x-strato-agent-token': token },
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return `unknown (the agent answered ${response.status})`;
    const { limits } = await response.json();
    if (limits?.enforced === true) return 'enforced (CPU and memory, per node)';
    if (limits?.enforced === false) return `NOT enforced, nodes run uncapped: ${limits.reason}`;
    return 'unknown (the agent did not say)';
  } catch (error) {
    return `unknown (${error.message})`;
  }
}

async function main() {
  for (const file of ['dist/apps/manager/main.js', 'dist/apps/proxy/main.js', 'dist/apps/job/main.js']) {
    if (!existsSync(resolve(root, file)))
      throw new Error(`${file} is missing: run \`npx nx run-many -t build\` (npm start does)`);
  }
  mkdirSync(resolve(dataDir, 'logs'), { recursive: true });
  const token = agentToken();
  const runtime = await chooseRuntime();
  const lb = chooseLoadBalancer();
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const manager = `http://127.0.0.1:${managerPort}`;
  startChild('manager', 'dist/apps/manager/main.js', {
    STRATO_PORT: String(managerPort),
    STRATO_DATA_DIR: dataDir,
    STRATO_AGENT_TOKEN: token,
    STRATO_LB: lb,
    STRATO_LB_PORT: String(lbPort),
    // One machine runs the whole course cloud (20 light nodes alone reserve 6 CPUs): its nodes may
    // reserve ONE_MACHINE_OVERCOMMIT times its CPUs and memory. A multi-host manager keeps 1: never.
    STRATO_OVERCOMMIT: env.STRATO_OVERCOMMIT ?? ONE_MACHINE_OVERCOMMIT,
  });
  await waitForHttp(`${manager}/api/health`, 60_000, () => stopping);
  startChild('agent', 'dist/apps/proxy/main.js', {
    STRATO_AGENT_PORT: String(agentPort),
    STRATO_AGENT_TOKEN: token,
    STRATO_AGENT_ID: env.STRATO_AGENT_ID ?? 'local',
    STRATO_MANAGER_URL: manager,
    STRATO_RUNTIME: runtime,
    STRATO_AGENT_STATE_DIR: resolve(dataDir, 'agent'),
    STRATO_STOP_NODES_ON_EXIT: 'true',
  });
  await waitForHttp(`http://127.0.0.1:${agentPort}/agent/health`, 30_000, () => stopping);
  const ownerToken = env.STRATO_OWNER_TOKEN || readFileSync(resolve(dataDir, 'owner-token'), 'utf8').trim();
  await waitForAgent(manager, ownerToken, 30_000, () => stopping);
  const caps = await nodeCaps(`http://127.0.0.1:${agentPort}`, token);

  // The CLI looks in ./data by itself; anywhere else it needs to be told, in the terminal it runs in.
  const cliTokenHint = () =>
    env.STRATO_OWNER_TOKEN
      ? 'for the cloud CLI: export STRATO_TOKEN with the same value'
      : dataDir === resolve(root, 'data')
        ? 'the cloud CLI reads it from there'
        : `for the cloud CLI in another terminal: export STRATO_DATA_DIR=${dataDir}`;
  const tokenFile = env.STRATO_OWNER_TOKEN
    ? 'STRATO_OWNER_TOKEN (from your environment)'
    : relative(root, resolve(dataDir, 'owner-token'));
  say('');
  say(`Strato is running (node runtime: ${runtime}, load balancer: ${lb})`);
  say(`  Dashboard      ${manager}/`);
  say(`  Swagger UI     ${manager}/api/docs`);
  say(`  Load balancer  http://127.0.0.1:${lbPort}/light  /medium  /heavy`);
  say(`  Owner token    ${tokenFile}  (${cliTokenHint()})`);
  say(`  Logs           ${relative(root, resolve(dataDir, 'logs'))}/`);
  say(`  Node caps      ${caps}`);
  say('');
  say(
    `Try: bin/cloud init && bin/cloud register n1 light && bin/cloud launch light && curl http://127.0.0.1:${lbPort}/light`,
  );
  say('Press Ctrl-C to stop.');
}

main().catch((error) => {
  console.error(`strato: ${error.message}`);
  void stop(1);
});
