import { ConfigError, loadManagerConfig } from './manager-config';

const agentToken = 'a'.repeat(24);

describe('loadManagerConfig', () => {
  it('applies the embedded defaults', () => {
    const config = loadManagerConfig({ STRATO_AGENT_TOKEN: agentToken, STRATO_LB: 'embedded' }, '/srv');
    expect(config).toMatchObject({
      port: 8080,
      lbPort: 8000,
      dataDir: '/srv/data',
      loadBalancer: 'embedded',
      lbAccessLog: 'on',
      eventsMaxAgeDays: 7,
      eventsMaxCount: 100_000,
      metricsSampleMs: 1000,
      metricsRawRetentionMinutes: 120,
      metricsRetentionDays: 7,
    });
  });

  it('reads the metrics sampling and its retention; 0 switches sampling off', () => {
    const config = loadManagerConfig({
      STRATO_AGENT_TOKEN: agentToken,
      STRATO_LB: 'embedded',
      STRATO_METRICS_SAMPLE_MS: '0',
      STRATO_METRICS_RAW_RETENTION_MINUTES: '30',
      STRATO_METRICS_RETENTION_DAYS: '1.5',
    });
    expect(config).toMatchObject({
      metricsSampleMs: 0,
      metricsRawRetentionMinutes: 30,
      metricsRetentionDays: 1.5,
    });
  });

  it('reads the event log retention', () => {
    const config = loadManagerConfig({
      STRATO_AGENT_TOKEN: agentToken,
      STRATO_LB: 'embedded',
      STRATO_EVENTS_MAX_AGE_DAYS: '0.5',
      STRATO_EVENTS_MAX_COUNT: '50',
    });
    expect(config).toMatchObject({ eventsMaxAgeDays: 0.5, eventsMaxCount: 50 });
  });

  it.each([
    ['STRATO_EVENTS_MAX_AGE_DAYS', 'week', 'must be a positive number, got "week"'],
    ['STRATO_EVENTS_MAX_AGE_DAYS', '0', 'must be a positive number, got "0"'],
    ['STRATO_EVENTS_MAX_COUNT', '-5', 'must be a positive whole number, got "-5"'],
    ['STRATO_EVENTS_MAX_COUNT', '1.5', 'must be a positive whole number, got "1.5"'],
    ['STRATO_METRICS_SAMPLE_MS', '-1', 'must be a whole number of ms (0 = off), got "-1"'],
    ['STRATO_METRICS_SAMPLE_MS', 'often', 'must be a whole number of ms (0 = off), got "often"'],
    ['STRATO_METRICS_RAW_RETENTION_MINUTES', '0', 'must be a positive number, got "0"'],
    ['STRATO_METRICS_RETENTION_DAYS', 'forever', 'must be a positive number, got "forever"'],
    ['STRATO_AGENT_TOKEN_PREVIOUS', 'short', 'must be at least 16 characters (or left unset)'],
    ['STRATO_AGENT_CREDENTIAL_GRACE_MS', '-1', 'must be a positive number, got "-1"'],
  ])('refuses %s=%s, naming the variable', (name, value, reason) => {
    expect(() =>
      loadManagerConfig({ STRATO_AGENT_TOKEN: agentToken, STRATO_LB: 'embedded', [name]: value }),
    ).toThrow(`${name} ${reason}`);
  });

  it('lists every problem at once, naming the variable', () => {
    let error: unknown;
    try {
      loadManagerConfig({
        STRATO_PORT: 'eighty',
        STRATO_LB: 'nginx',
        STRATO_NODE_HEALTH_TIMEOUT_MS: '-1',
        STRATO_LB_ACCESS_LOG: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('STRATO_PORT must be a port number');
    expect(problems).toContain('STRATO_LB must be auto, haproxy or embedded');
    expect(problems).toContain('STRATO_AGENT_TOKEN must be set');
    expect(problems).toContain('STRATO_NODE_HEALTH_TIMEOUT_MS must be a positive number');
    expect(problems).toContain('STRATO_LB_ACCESS_LOG must be on or off, got "maybe"');
  });

  it('refuses STRATO_LB=haproxy when the binary does not exist', () => {
    expect(() =>
      loadManagerConfig({
        STRATO_AGENT_TOKEN: agentToken,
        STRATO_LB: 'haproxy',
        STRATO_HAPROXY_BIN: '/nope/haproxy',
      }),
    ).toThrow(/no haproxy binary was found/);
  });
});
