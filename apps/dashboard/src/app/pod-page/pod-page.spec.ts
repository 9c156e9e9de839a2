import { TestBed } from '@angular/core/testing';
import { DOCUMENT } from '@angular/core';
import { FakePodRoutes, aServer, aUsage, anElasticity } from '../../testing/fake-pod-routes';
import { houseError } from '../../testing/fake-manager';
import { aNode, aPod } from '../../testing/fixtures';
import {
  type PodPageTest,
  calls,
  configurePodPageTest,
  renderPodPage,
  text,
} from '../../testing/render-pod-page';

describe('PodPage', () => {
  let test: PodPageTest;
  let routes: FakePodRoutes;

  beforeEach(() => {
    test = configurePodPageTest();
    test.manager.pods = [
      aPod({ name: 'light', cpus: 0.3, memoryMiB: 100, maxNodes: 20, job: { kind: 'light', scale: 1 } }),
      aPod({ name: 'heavy' }),
    ];
    routes = new FakePodRoutes(test.manager, 'light');
  });

  const row = (element: HTMLElement, node: string) => element.querySelector(`tr[data-node="${node}"]`);
  const cell = (element: HTMLElement, node: string, column: string) =>
    text(row(element, node)?.querySelector(`.${column}`));

  it('shows the pod’s name, state, size and job, with a link back to the overview', async () => {
    routes.install();
    const { element } = await renderPodPage('/pods/light', test);

    expect(text(element.querySelector('h2'))).toBe('light');
    expect(text(element.querySelector('.pod-state'))).toBe('running');
    expect(text(element.querySelector('.fact-cpus'))).toBe('0.3 CPU');
    expect(text(element.querySelector('.fact-memory'))).toBe('100 MiB');
    expect(text(element.querySelector('.fact-nodes'))).toBe('0 / 20 max');
    expect(text(element.querySelector('.fact-algorithm'))).toBe('roundrobin');
    expect(text(element.querySelector('.fact-job'))).toBe('light × 1');
    expect(element.querySelector('a.back')?.getAttribute('href')).toBe('/');
  });

  it('lists the pod’s nodes with CPU and memory against their caps and the balancer’s numbers', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    test.manager.nodes = [
      aNode({
        name: 'light-1',
        agent: 'local',
        host: '127.0.0.1',
        port: 41001,
        weight: 3,
        createdAt: tenMinutesAgo,
      }),
      aNode({
        name: 'light-2',
        limits: { enforced: false, reason: 'cgroup not delegated to this agent' },
        createdAt: tenMinutesAgo,
      }),
      aNode({ name: 'heavy-1', pod: 'heavy' }),
    ];
    routes.usage.push(
      aUsage({
        node: 'light-1',
        cpuPercent: 24,
        cpus: 0.3,
        memoryBytes: 40 * 2 ** 20,
        memoryLimitBytes: 100 * 2 ** 20,
      }),
      aUsage({ node: 'light-2', cpuPercent: null, memoryBytes: null }),
    );
    routes.servers.push(
      aServer({ node: 'light-1', health: 'up', weight: 3, requestRate: 12.34, currentSessions: 2 }),
    );
    routes.install();
    const { element } = await renderPodPage('/pods/light', test);

    expect([...element.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-node'))).toEqual([
      'light-1',
      'light-2',
    ]);
    expect(text(row(element, 'light-1')?.querySelector('strato-status-badge'))).toBe('ONLINE');
    expect(cell(element, 'light-1', 'agent')).toBe('local');
    expect(cell(element, 'light-1', 'address')).toBe('127.0.0.1:41001');
    expect(cell(element, 'light-1', 'cpu')).toBe('24 % of 0.3 CPU');
    const cpuBar = row(element, 'light-1')?.querySelector('.cpu [role=meter]');
    expect(cpuBar?.getAttribute('aria-valuenow')).toBe('80');
    expect(cpuBar?.querySelector<HTMLElement>('.fill')?.style.width).toBe('80%');
    expect(cell(element, 'light-1', 'memory')).toBe('40 of 100 MiB');
    expect(
      row(element, 'light-1')?.querySelector('.memory [role=meter]')?.getAttribute('aria-valuenow'),
    ).toBe('40');
    expect(cell(element, 'light-1', 'caps')).toBe('enforced');
    expect(cell(element, 'light-1', 'rate')).toBe('12.3');
    expect(cell(element, 'light-1', 'sessions')).toBe('2');
    expect(cell(element, 'light-1', 'health')).toBe('up');
    expect(row(element, 'light-1')?.querySelector<HTMLInputElement>('input[name=weight]')?.value).toBe('3');
    expect(cell(element, 'light-1', 'age')).toBe('10 min');

    expect(cell(element, 'light-2', 'cpu')).toBe('—');
    expect(row(element, 'light-2')?.querySelector('[role=meter]')).toBeNull();
    expect(cell(element, 'light-2', 'caps')).toBe('not enforced: cgroup not delegated to this agent');
    expect(cell(element, 'light-2', 'health')).toBe('—');
  });

  it('sends the owner token and asks for this pod’s nodes only', async () => {
    routes.install();
    await renderPodPage('/pods/light', test);

    expect(calls(test.manager)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/pods/light',
        'GET /api/v1/nodes?pod=light',
        'GET /api/v1/pods/light/usage',
      ]),
    );
    expect(new Set(test.manager.requests.map((request) => request.headers.get('authorization')))).toEqual(
      new Set(['Bearer s3cret']),
    );
  });

  it('says there is no such pod when the manager answers 404, with a way back', async () => {
    test.manager.on('GET', '/api/v1/pods/ghost', () =>
      houseError(404, 'Not Found', 'unknown pod "ghost"; known pods: light, heavy'),
    );
    test.manager.on('GET', '/api/v1/nodes', () => houseError(404, 'Not Found', 'unknown pod "ghost"'));
    const { element } = await renderPodPage('/pods/ghost', test);

    expect(text(element.querySelector('.missing'))).toBe('No pod named ghost — back to the overview');
    expect(element.querySelector('.missing a')?.getAttribute('href')).toBe('/');
    expect(element.querySelector('table')).toBeNull();
    expect(calls(test.manager)).not.toContain('GET /api/v1/pods/ghost/usage');
  });

  it('says why it cannot read the pod when the manager fails otherwise', async () => {
    test.manager.failure = houseError(503, 'Service Unavailable', 'the store is locked');
    const { element } = await renderPodPage('/pods/light', test);

    expect(text(element.querySelector('.notice--error'))).toBe(
      'Cannot read pod light: the manager answered 503: the store is locked. Retrying every 5 s.',
    );
  });

  it('points an empty pod at the form that adds a node', async () => {
    routes.install();
    const { element } = await renderPodPage('/pods/light', test);

    expect(text(element.querySelector('.no-nodes'))).toBe('No nodes yet — add one');
    element.querySelector<HTMLButtonElement>('.no-nodes button')?.click();
    expect(TestBed.inject(DOCUMENT).activeElement?.getAttribute('name')).toBe('node-name');
  });

  it('reads the pod again when the stream announces a change to it, and not for another pod', async () => {
    test.manager.nodes = [aNode({ name: 'light-1' })];
    routes.install();
    const { element, settle, goLive } = await renderPodPage('/pods/light', test);
    goLive();
    const podReads = () => calls(test.manager).filter((call) => call === 'GET /api/v1/pods/light').length;
    expect(podReads()).toBe(1);

    test.manager.nodes.push(aNode({ name: 'light-2', status: 'STARTING' }));
    test.streams.last.frame({
      kind: 'events',
      lastEventId: 7,
      events: [
        { id: 7, at: 'now', type: 'NodeRegistered', pod: 'heavy', node: 'heavy-9', message: 'heavy-9' },
      ],
    });
    await settle();
    expect(podReads()).toBe(1);
    expect(row(element, 'light-2')).toBeNull();

    test.streams.last.frame({
      kind: 'events',
      lastEventId: 8,
      events: [{ id: 8, at: 'now', type: 'NodeStarting', pod: 'light', node: 'light-2', message: 'light-2' }],
    });
    await settle();
    expect(podReads()).toBe(2);
    expect(text(row(element, 'light-2')?.querySelector('strato-status-badge'))).toBe('STARTING');
  });

  it('refreshes the numbers and the elasticity decision when the tab is visible again, without reading the pod', async () => {
    test.manager.nodes = [aNode({ name: 'light-1' })];
    routes.usage.push(aUsage({ node: 'light-1', cpuPercent: 6 }));
    routes.install();
    const { element, settle } = await renderPodPage('/pods/light', test);
    expect(cell(element, 'light-1', 'cpu')).toBe('6 % of 0.3 CPU');

    routes.usage[0] = aUsage({ node: 'light-1', cpuPercent: 30 });
    routes.elasticity = anElasticity({
      status: {
        at: '2026-01-01T00:00:00.000Z',
        metric: 'cpu',
        value: 100,
        detail: '',
        currentNodes: 1,
        readyNodes: 1,
        desiredNodes: 2,
        reason: 'AboveUpperThreshold',
        message: 'cpu 100 is above 70',
        conditions: [],
      },
    });
    TestBed.inject(DOCUMENT).dispatchEvent(new Event('visibilitychange'));
    await settle();

    expect(cell(element, 'light-1', 'cpu')).toBe('30 % of 0.3 CPU');
    expect(text(element.querySelector('.decision-reason'))).toBe('AboveUpperThreshold');
    expect(calls(test.manager).filter((call) => call === 'GET /api/v1/pods/light')).toHaveLength(1);
  });
});
