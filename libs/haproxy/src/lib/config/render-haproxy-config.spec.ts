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
    ['defaults', 'option abortonclose', 'queued requests of clients gone are dropped'],
    ['defaults', 'option redispatch 1', 'redispatch'],
    ['defaults', 'retries 2', 'retries'],
    ['defaults', 'retry-on conn-failure empty-response', 'retries of a node killed mid-request'],
    ['defaults', 'option httpchk GET /health', 'http health checks'],
    ['defaults', 'load-server-state-from-file global', 'state file loading'],
    ['frontend fe_strato', 'bind 127.0.0.1:8000', 'the bind address'],
    [
      'frontend fe_strato',
      'acl is_pod_light path /light /light/',
      'the exact pod path (query string excluded)',
    ],
    ['frontend fe_strato', 'acl under_pod_light path_beg /light/', 'sub-paths, refused'],
    ['frontend fe_strato', "acl asks_scale query -m reg '(^|&)scale(=|&|$)'", 'a scale parameter, refused'],
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
      expect.arrayContaining([
        'log global',
        'option dontlognull',
        'log-format "%b %s %Ta %ST %[var(txn.log_one_in)]"',
      ]),
    );
    expect(renderHaproxyConfig(model([pod()]))).not.toMatch(
      /^\s*(log|ring|http-request set-(log-level|var)) /m,
    );
  });

  it("logs 1 in floor(rate / 250) of each pod's requests, and nothing the frontend answers itself", () => {
    const pods = [pod(), pod({ name: 'heavy', paused: true })];
    const frontend = section(renderHaproxyConfig(model(pods, { accessLogRing: 'r' })), 'frontend fe_strato');
    const rules = frontend.filter((line) => /^(http-request|use_backend)/.test(line));
    const at = (prefix: string) => rules.findIndex((line) => line.startsWith(prefix));
    const lastReturn = rules.map((line) => line.startsWith('http-request return')).lastIndexOf(true);
    expect(rules[0]).toBe('http-request set-log-level silent');
    expect(rules).toContain(
      'http-request set-var(txn.log_one_in) be_sess_rate(be_light),div(250) if is_pod_light',
    );
    expect(rules).toContain(
      'http-request set-var(txn.log_one_in) be_sess_rate(be_heavy),div(250) if is_pod_heavy',
    );
    const keep = at('http-request set-log-level info');
    expect(rules[keep]).toBe('http-request set-log-level info if { rand,mod(txn.log_one_in) eq 0 }');
    // After every `http-request return` (paused pod, sub-path, ?scale=), before routing.
    expect(keep).toBeGreaterThan(lastReturn);
    expect(keep).toBeGreaterThan(at('http-request set-var'));
    expect(keep).toBeLessThan(at('use_backend'));
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
    expect(backend).toContain(
      `http-error status 503 content-type application/json string '${body}' hdr Retry-After 1`,
    );
  });

  it('refuses a request with 503 JSON and Retry-After once the queue holds 8 per usable server', () => {
    const backend = section(renderHaproxyConfig(model([pod({ queuePerNode: 8 })])), 'backend be_light');
    const rule = backend.find((line) => line.includes('avg_queue'));
    expect(section(renderHaproxyConfig(model([pod()])), 'backend be_light').join()).not.toContain(
      'avg_queue',
    );
    expect(rule).toMatch(
      /^http-request return status 503 content-type application\/json string '.*queue is full/,
    );
    expect(rule).toMatch(/' hdr Retry-After 1 if \{ avg_queue ge 8 \}$/);
  });

  it('names the pod job to its nodes, replacing what the client sent, and caps each server', () => {
    const servers = [{ name: 'h1', host: '127.0.0.1', port: 9001, weight: 1, maxConnections: 2 }];
    const config = renderHaproxyConfig(
      model([pod({ name: 'heavy', job: { kind: 'heavy', scale: 0.5 }, servers })]),
    );
    const backend = section(config, 'backend be_heavy');
    expect(backend).toContain('http-request set-header x-strato-job heavy');
    expect(backend).toContain('http-request set-header x-strato-job-scale 0.5');
    expect(backend).toContain(
      'server h1 127.0.0.1:9001 weight 1 maxconn 2 check inter 1s fastinter 250ms fall 2 rise 2',
    );
  });

  it('answers 404 JSON for a path under a pod and 400 JSON for ?scale=', () => {
    const frontend = section(renderHaproxyConfig(model([pod()])), 'frontend fe_strato');
    const rules = frontend.filter((line) => line.startsWith('http-request return'));
    expect(rules[0]).toMatch(
      /^http-request return status 404 .*runs its own job at \/light.* if under_pod_light !is_pod_light$/,
    );
    expect(rules[1]).toMatch(/^http-request return status 400 .*scale: .* if is_pod_light asks_scale$/);
  });

  it('answers 503 JSON in the frontend for a paused pod only', () => {
    const config = renderHaproxyConfig(model([pod({ paused: true }), pod({ name: 'medium' })]));
    const frontend = section(config, 'frontend fe_strato');
    const body = JSON.stringify({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'pod light is paused',
    });
    expect(frontend.filter((line) => line.startsWith('http-request return status 503'))).toEqual([
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
