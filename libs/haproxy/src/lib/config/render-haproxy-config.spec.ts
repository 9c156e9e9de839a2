import { HaproxyArgumentError } from '../errors';
import type { HaproxyConfigModel, HaproxyPodConfig } from './haproxy-config-model';
import { renderHaproxyConfig } from './render-haproxy-config';

const pod = (overrides: Partial<HaproxyPodConfig> = {}): HaproxyPodConfig => ({
  name: 'light',
  algorithm: 'roundrobin',
  paused: false,
  servers: [],
  ...overrides,
});

const model = (
  pods: HaproxyPodConfig[],
  overrides: Partial<HaproxyConfigModel> = {},
): HaproxyConfigModel => ({
  adminSocketPath: '/run/strato/admin.sock',
  serverStateFile: '/run/strato/server-state',
  bind: { host: '127.0.0.1', port: 8000 },
  pods,
  ...overrides,
});

/** The lines of one section (`global`, `frontend fe_strato`, `backend be_light`), trimmed. */
function section(config: string, title: string): string[] {
  const block = config.split('\n\n').find((b) => b.split('\n').some((line) => line === title));
  if (!block) throw new Error(`no section ${title} in:\n${config}`);
  return block.split('\n').map((line) => line.trim());
}

describe('renderHaproxyConfig', () => {
  it.each<[string, string, string]>([
    ['global', 'master-worker', 'master-worker friendly'],
    [
      'global',
      'stats socket /run/strato/admin.sock mode 600 level admin expose-fd listeners',
      'admin socket',
    ],
    ['global', 'server-state-file /run/strato/server-state', 'server state across reloads'],
    ['defaults', 'mode http', 'http mode'],
    ['defaults', 'timeout server 90s', 'a server timeout longer than a heavy job'],
    ['defaults', 'option idle-close-on-response', 'no read errors on reload'],
    ['defaults', 'option redispatch 1', 'redispatch'],
    ['defaults', 'retries 2', 'retries'],
    ['defaults', 'retry-on conn-failure empty-response', 'retries of a node killed mid-request'],
    ['defaults', 'option httpchk GET /health', 'http health checks'],
    ['defaults', 'load-server-state-from-file global', 'state file loading'],
    ['frontend fe_strato', 'bind 127.0.0.1:8000', 'the bind address'],
    ['frontend fe_strato', 'acl is_pod_light path /light', 'the exact pod path (query string excluded)'],
    ['frontend fe_strato', 'acl is_pod_light path_beg /light/', 'sub-paths'],
    ['frontend fe_strato', 'use_backend be_light if is_pod_light', 'routing'],
    ['frontend fe_strato', 'default_backend be_unknown_path', 'unknown paths'],
  ])('renders in %s: %s (%s)', (title, line) => {
    expect(section(renderHaproxyConfig(model([pod()])), title)).toContain(line);
  });

  it.each<[HaproxyPodConfig['algorithm'], string[]]>([
    ['roundrobin', ['balance roundrobin']],
    ['leastconn', ['balance leastconn']],
    ['first', ['balance first']],
    ['random', ['balance random']],
    ['source', ['balance source', 'hash-type consistent']],
    ['uri', ['balance uri', 'hash-type consistent']],
  ])('renders balance %s with the lines dynamic servers need', (algorithm, lines) => {
    const backend = section(renderHaproxyConfig(model([pod({ algorithm })])), 'backend be_light');
    expect(backend.filter((line) => /^(balance|hash-type)/.test(line))).toEqual(lines);
  });

  it('logs one raw line per request into an in-memory ring, only when asked', () => {
    const config = renderHaproxyConfig(model([pod()], { accessLogRing: 'strato_access' }));
    expect(section(config, 'global')).toContain('log ring@strato_access format raw local0 info');
    expect(section(config, 'ring strato_access')).toEqual([
      'ring strato_access',
      'format raw',
      'size 4194304',
    ]);
    expect(section(config, 'defaults')).toEqual(
      expect.arrayContaining(['log global', 'option dontlognull', 'log-format "%b %s %Ta %ST"']),
    );
    expect(section(config, 'frontend fe_strato')).toContain(
      'http-request set-log-level silent if { fe_req_rate gt 1000 } { rand(16) gt 0 }',
    );
    expect(renderHaproxyConfig(model([pod()]))).not.toMatch(/^\s*(log|ring|http-request set-log-level) /m);
  });

  it('refuses an invalid ring name', () => {
    expect(() => renderHaproxyConfig(model([pod()], { accessLogRing: 'a b' }))).toThrow(HaproxyArgumentError);
  });

  it('renders every current server as a static, checked server with its weight', () => {
    const servers = [
      { name: 'light-1', host: '127.0.0.1', port: 9001, weight: 1 },
      { name: 'light-2', host: '127.0.0.1', port: 9002, weight: 3, state: 'maint' as const },
    ];
    const backend = section(renderHaproxyConfig(model([pod({ servers })])), 'backend be_light');
    expect(backend).toContain(
      'server light-1 127.0.0.1:9001 weight 1 check inter 1s fastinter 250ms fall 2 rise 2',
    );
    expect(backend).toContain(
      'server light-2 127.0.0.1:9002 weight 3 check inter 1s fastinter 250ms fall 2 rise 2 disabled',
    );
  });

  it('answers 503 JSON from the backend when no server is usable', () => {
    const backend = section(renderHaproxyConfig(model([pod()])), 'backend be_light');
    const body = JSON.stringify({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'pod light has no online node',
    });
    expect(backend).toContain(`http-error status 503 content-type application/json string '${body}'`);
  });

  it('answers 503 JSON in the frontend for a paused pod only', () => {
    const config = renderHaproxyConfig(model([pod({ paused: true }), pod({ name: 'medium' })]));
    const frontend = section(config, 'frontend fe_strato');
    const body = JSON.stringify({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'pod light is paused',
    });
    expect(frontend.filter((line) => line.startsWith('http-request'))).toEqual([
      `http-request return status 503 content-type application/json string '${body}' if is_pod_light`,
    ]);
  });

  it('answers 404 JSON naming the known pod paths', () => {
    const config = renderHaproxyConfig(model([pod(), pod({ name: 'medium' })]));
    const [, line] = section(config, 'backend be_unknown_path');
    const body = /string '(.*)'$/.exec(line)?.[1] ?? '';
    expect(line).toMatch(/^http-request return status 404 content-type application\/json string '/);
    expect(JSON.parse(body)).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      paths: ['/light', '/medium'],
    });
    expect(JSON.parse(body).message).toContain('/light, /medium');
  });

  it('puts the 503 rules before use_backend, as haproxy evaluates them', () => {
    const frontend = section(renderHaproxyConfig(model([pod({ paused: true })])), 'frontend fe_strato');
    const firstUse = frontend.findIndex((line) => line.startsWith('use_backend'));
    const lastReturn = frontend.map((line) => line.startsWith('http-request')).lastIndexOf(true);
    expect(lastReturn).toBeLessThan(firstUse);
  });

  it.each<[string, HaproxyConfigModel]>([
    ['a pod name that is not a safe path', model([pod({ name: 'Light Pod' })])],
    ['a duplicated pod', model([pod(), pod()])],
    [
      'a server name with a space',
      model([pod({ servers: [{ name: 'a b', host: '127.0.0.1', port: 1, weight: 1 }] })]),
    ],
    ['a relative socket path', model([pod()], { adminSocketPath: 'admin.sock' })],
  ])('refuses %s', (_, invalid) => {
    expect(() => renderHaproxyConfig(invalid)).toThrow(HaproxyArgumentError);
  });
});
