import { EmbeddedServerStats } from './embedded-server-stats';

describe('EmbeddedServerStats', () => {
  it('counts requests started over the last second only', () => {
    let now = 10_000;
    const stats = new EmbeddedServerStats(() => now);
    for (let i = 0; i < 5; i++) stats.requestStarted();
    now += 500;
    for (let i = 0; i < 3; i++) stats.requestStarted();
    expect(stats.requestRate()).toBe(8);
    now += 600;
    expect(stats.requestRate()).toBe(3);
    now += 1000;
    expect(stats.requestRate()).toBe(0);
    expect(stats.total).toBe(8);
  });

  it('averages response times like haproxy: the mean of the first ones, then a 1024-request window', () => {
    const stats = new EmbeddedServerStats();
    stats.responded(200, 120);
    expect(stats.responseTimeMs()).toBe(120);
    stats.responded(200, 80);
    expect(stats.responseTimeMs()).toBe(100);
    for (let i = 0; i < 5000; i++) stats.responded(200, 10);
    expect(stats.responseTimeMs()).toBe(10);
  });

  it('counts 5xx answers from the node and its own 502/504 for it', () => {
    const stats = new EmbeddedServerStats();
    stats.responded(200, 1);
    stats.responded(503, 1);
    stats.responded(404, 1);
    stats.failed();
    expect(stats.http5xx).toBe(2);
  });
});
