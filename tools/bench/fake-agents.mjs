#!/usr/bin/env node
// Simulated proxy agents for tools/bench/scale.mjs: each registers with the manager and heartbeats as a real
// agent does (apps/proxy/src/app/manager/manager-link.ts) and answers the manager's calls under /agent/v1
// (apps/proxy/src/app/nodes/agent-nodes.controller.ts) from an in-memory fake runtime. A node is one
// node:http server on the agent's own address and port range that answers /ready and /health naming the
// node, which is what the manager's launch probe and the embedded balancer's health check ask.
// In-process: startFakeAgents(options). As a child: `node fake-agents.mjs '<options as JSON>'` prints
// `{"ready":…}` once every agent registered, answers the IPC message 'stats' with its counters, and
// stops every server on SIGTERM, SIGINT or when its parent goes away.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const TOKEN_HEADER = 'x-strato-agent-token';
const LIMITS = { enforced: true, reason: null };
const MiB = 2 ** 20;

const listen = (server, port, host) =>
  new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok(server.address().port);
    });
  });

const close = (server) =>
  new Promise((ok) => {
    server.close(() => ok());
    server.closeAllConnections();
  });

function reply(res, status, body) {
  if (status === 204) return res.writeHead(204).end();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

export class FakeAgent {
  /** By node id: { view, server, startedAt }. */
  nodes = new Map();
  /** Calls answered, by route (node probes too), and which token the manager sent. */
  counts = {};
  credential;
  url;
  #api = createServer((req, res) =>
    this.#handle(req, res).catch((e) => reply(res, 500, { message: e.message })),
  );
  #heartbeat;

  constructor({ id, managerUrl, joinToken, nodeAddress, firstPort, ports, cores, memoryBytes, heartbeatMs }) {
    Object.assign(this, { id, managerUrl, joinToken, nodeAddress, firstPort, ports, cores, memoryBytes });
    this.heartbeatMs = heartbeatMs;
  }

  async start() {
    this.url = `http://127.0.0.1:${await listen(this.#api, 0, '127.0.0.1')}`;
    await this.#register();
    this.#heartbeat = setInterval(() => void this.#beat(), this.heartbeatMs);
  }

  async stop() {
    clearInterval(this.#heartbeat);
    await Promise.all([this.#api, ...[...this.nodes.values()].map((n) => n.server)].map(close));
    this.nodes.clear();
  }

  #count(key) {
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  async #toManager(path, body) {
    return fetch(new URL(path, this.managerUrl), {
      method: 'POST',
      headers: { [TOKEN_HEADER]: this.credential ?? this.joinToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
  }

  async #register() {
    this.credential = undefined;
    const res = await this.#toManager('/api/v1/agents', {
      id: this.id,
      url: this.url,
      runtime: 'process',
      cores: this.cores,
      memoryBytes: this.memoryBytes,
      interpreters: ['node'],
      labels: { bench: 'scale' },
      nodePorts: this.ports,
      nodeAddress: this.nodeAddress,
    });
    if (!res.ok)
      throw new Error(`agent ${this.id}: registration answered ${res.status}: ${await res.text()}`);
    // A manager that gives each agent its own credential sends it here; an older one: the join token it is.
    const answer = await res.json();
    this.credential = typeof answer.credential === 'string' ? answer.credential : undefined;
  }

  async #beat() {
    try {
      const res = await this.#toManager(`/api/v1/agents/${encodeURIComponent(this.id)}/heartbeat`);
      this.#count(`heartbeat ${res.status}`);
      if (res.status === 404 || res.status === 401) await this.#register();
    } catch {
      this.#count('heartbeat failed');
    }
  }

  async #handle(req, res) {
    const url = new URL(req.url, 'http://agent');
    const path = url.pathname;
    if (path === '/agent/health') return reply(res, 200, { status: 'ok' });
    const token = req.headers[TOKEN_HEADER];
    if (!token) return reply(res, 401, { message: `${TOKEN_HEADER} missing` });
    this.#count(
      `token ${token === this.credential ? 'credential' : token === this.joinToken ? 'join' : 'other'}`,
    );
    const [, , , collection, rawId, sub, attempt] = path.split('/'); // '', agent, v1, nodes, id, …
    const id = rawId && decodeURIComponent(rawId);
    const route = `${req.method} ${collection ?? ''}${id ? '/:id' : ''}${sub ? `/${sub}` : ''}${attempt ? '/:a' : ''}`;
    this.#count(route + (url.searchParams.get('stats') === 'true' ? '?stats' : ''));
    switch (route) {
      case 'GET info':
        return reply(res, 200, this.#info());
      case 'PUT credential': {
        // A rotation: the new credential from now on (the agent takes any token, so no grace to keep).
        const { credential } = (await readJson(req)) ?? {};
        if (typeof credential !== 'string')
          return reply(res, 400, { statusCode: 400, message: 'credential?' });
        this.credential = credential;
        return reply(res, 204);
      }
      case 'GET nodes':
        return reply(res, 200, this.#list(url.searchParams.get('stats') === 'true'));
      case 'POST nodes':
        return this.#create(await readJson(req), res);
      case 'GET nodes/:id':
        return this.nodes.has(id) ? reply(res, 200, this.#view(id, true)) : notFound(res, id);
      case 'DELETE nodes/:id':
        return this.#remove(id, url.searchParams.get('incarnation'), res);
      case 'GET nodes/:id/logs':
        return this.nodes.has(id) ? reply(res, 200, { logs: '' }) : notFound(res, id);
      case 'GET nodes/:id/jobs':
        return this.nodes.has(id) ? reply(res, 200, []) : notFound(res, id);
      case 'GET nodes/:id/jobs/:a':
      case 'DELETE nodes/:id/jobs/:a':
        return reply(res, 404, { statusCode: 404, message: `no job attempt ${attempt}` });
      case 'POST nodes/:id/jobs':
        return reply(res, 503, { statusCode: 503, message: 'a fake agent runs no batch job' });
      default:
        return reply(res, 404, { statusCode: 404, message: `no route ${req.method} ${path}` });
    }
  }

  #info() {
    return {
      runtime: 'process',
      cores: this.cores,
      memoryBytes: this.memoryBytes,
      nodes: this.nodes.size,
      freePorts: this.ports - this.nodes.size,
      limits: LIMITS,
      interpreters: ['node'],
    };
  }

  #list(withStats) {
    return [...this.nodes.keys()].map((id) => this.#view(id, withStats));
  }

  #view(id, withStats) {
    const { view, startedAt, cpus, memoryMiB } = this.nodes.get(id);
    if (!withStats) return view;
    const cpuPercent = 2 + Math.random() * 3;
    const stats = {
      at: Date.now(),
      cpuPercent,
      cpuSeconds: ((Date.now() - startedAt) / 1000) * (cpuPercent / 100),
      cpuQuotaCpus: cpus,
      memoryBytes: 30 * MiB,
      memoryLimitBytes: memoryMiB * MiB,
      throttledPeriods: 0,
      totalPeriods: 0,
    };
    return { ...view, stats };
  }

  async #create(request, res) {
    const { nodeId, incarnation, pod, cpus, memoryMiB } = request ?? {};
    if (typeof nodeId !== 'string' || !Number.isInteger(incarnation))
      return reply(res, 400, { statusCode: 400, message: 'nodeId and incarnation are required' });
    const existing = this.nodes.get(nodeId);
    if (existing?.view.incarnation === incarnation) return reply(res, 201, existing.view);
    if (existing)
      return reply(res, 409, {
        statusCode: 409,
        message: `node ${nodeId} runs incarnation ${existing.view.incarnation}`,
      });
    const taken = new Set([...this.nodes.values()].map((n) => n.view.port));
    const body = JSON.stringify({ status: 'ok', node: nodeId });
    const server = createServer((req, out) => {
      this.#count(`node ${req.url === '/health' || req.url === '/ready' ? req.url : 'request'}`);
      out.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
    });
    for (let port = this.firstPort; port < this.firstPort + this.ports; port++) {
      if (taken.has(port)) continue;
      try {
        await listen(server, port, this.nodeAddress);
      } catch {
        continue; // held by something else on this machine: the next one
      }
      const host = this.nodeAddress;
      const view = {
        nodeId,
        incarnation,
        pod,
        host,
        port,
        state: 'running',
        runtime: 'process',
        limits: LIMITS,
      };
      this.nodes.set(nodeId, { view, server, startedAt: Date.now(), cpus, memoryMiB });
      return reply(res, 201, view);
    }
    return reply(res, 503, { statusCode: 503, message: `agent ${this.id}: no free node port` });
  }

  async #remove(id, incarnation, res) {
    const node = this.nodes.get(id);
    if (!node) return notFound(res, id);
    if (incarnation !== null && Number(incarnation) !== node.view.incarnation)
      return reply(res, 409, {
        statusCode: 409,
        message: `node ${id} runs incarnation ${node.view.incarnation}`,
      });
    this.nodes.delete(id);
    await close(node.server);
    return reply(res, 204);
  }
}

const notFound = (res, id) => reply(res, 404, { statusCode: 404, message: `node ${id} not found` });

/**
 * `count` agents fake-1…fake-N, agent i on 127.0.1.i with node ports firstPort + (i - 1) * ports onwards:
 * distinct addresses as on distinct hosts, distinct ranges so nothing on this machine overlaps.
 */
export async function startFakeAgents({
  count,
  managerUrl,
  joinToken,
  firstPort = 24000,
  ports = 100,
  cores = 8,
  memoryBytes = 8 * 2 ** 30,
  heartbeatMs = 5000,
}) {
  const agents = Array.from(
    { length: count },
    (_, i) =>
      new FakeAgent({
        id: `fake-${i + 1}`,
        managerUrl,
        joinToken,
        nodeAddress: `127.0.1.${i + 1}`,
        firstPort: firstPort + i * ports,
        ports,
        cores,
        memoryBytes,
        heartbeatMs,
      }),
  );
  await Promise.all(agents.map((agent) => agent.start()));
  return {
    agents,
    /** Every agent's counters summed, and the nodes they run. */
    stats: () => {
      const counts = {};
      for (const agent of agents)
        for (const [key, n] of Object.entries(agent.counts)) counts[key] = (counts[key] ?? 0) + n;
      return { counts, nodes: agents.reduce((sum, a) => sum + a.nodes.size, 0) };
    },
    stop: () => Promise.all(agents.map((agent) => agent.stop())),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const fleet = await startFakeAgents(JSON.parse(process.argv[2] ?? '{}'));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await fleet.stop();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => void stop());
  process.on('disconnect', () => void stop());
  process.on('message', (message) => message === 'stats' && process.send?.({ stats: fleet.stats() }));
  process.stdout.write(`${JSON.stringify({ ready: fleet.agents.map((a) => ({ id: a.id, url: a.url })) })}\n`);
}
