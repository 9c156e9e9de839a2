import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findHaproxy, probeDocker } from './probe-infrastructure';

describe('findHaproxy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strato-probe-'));
  const binary = join(dir, 'haproxy');
  beforeAll(() => {
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds HAPROXY_BIN, then haproxy on PATH, then the usual places', () => {
    expect(findHaproxy({ HAPROXY_BIN: binary }, [])).toBe(binary);
    expect(findHaproxy({ PATH: `/nonexistent:${dir}` }, [])).toBe(binary);
    expect(findHaproxy({}, ['/nonexistent/haproxy', binary])).toBe(binary);
  });

  it('finds none where there is none, or only a file that cannot be executed', () => {
    expect(findHaproxy({ PATH: '/nonexistent' }, ['/nonexistent/haproxy'])).toBeNull();
    chmodSync(binary, 0o644);
    expect(findHaproxy({ PATH: dir }, [])).toBeNull();
    chmodSync(binary, 0o755);
  });
});

describe('probeDocker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strato-probe-'));
  const socket = join(dir, 'docker.sock');
  let engine: ChildProcess;
  beforeAll(async () => {
    // An engine that answers /_ping, knows one image and manages a swarm. In a process of its own: the
    // probe blocks this one.
    const script = `require('http').createServer((req, res) => {
        const known = ['/_ping', '/images/known%3Alatest/json', '/info'].includes(req.url);
        res.statusCode = known ? 200 : 404;
        const swarm = { Swarm: { LocalNodeState: 'active', ControlAvailable: true } };
        res.end(req.url === '/_ping' ? 'OK' : JSON.stringify(req.url === '/info' ? swarm : {}));
      }).listen(process.argv[1], () => console.log('listening'));`;
    engine = spawn(process.execPath, ['-e', script, socket]);
    await new Promise((resolve) => engine.stdout?.once('data', resolve));
  });
  afterAll(() => {
    engine.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds no engine where no socket answers', () => {
    expect(probeDocker({ DOCKER_HOST: `unix://${dir}/none.sock` })).toEqual({
      engine: false,
      image: false,
      swarm: false,
    });
  });

  it('finds the engine at DOCKER_HOST, whether it holds the image, and whether it manages a swarm', () => {
    const env = { DOCKER_HOST: `unix://${socket}` };
    expect(probeDocker(env, 'known:latest')).toEqual({ engine: true, image: true, swarm: true });
    expect(probeDocker(env, 'strato-node:latest')).toEqual({ engine: true, image: false, swarm: true });
  });
});
