import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Elasticity } from '@strato/api-client';
import { FakeManager } from '../../testing/fake-manager';
import { FakeStreamOpener } from '../../testing/fake-stream';
import { signedIn } from '../../testing/signed-in';
import { aNode, aPod, aSample } from '../../testing/fixtures';
import { CloudSummaryStore } from '../cloud/cloud-summary.store';
import { CloudStore } from '../cloud/cloud.store';
import { LiveConnection } from '../cloud/live-connection';
import { OverviewPage } from './overview-page';

const cpuElasticity = (overrides: Partial<Elasticity> = {}): Elasticity => ({
  pod: 'light',
  enabled: true,
  policy: { kind: 'threshold', metric: 'cpu', lower: 20, upper: 70, minNodes: 1, maxNodes: 6 } as never,
  status: {
    at: 'now',
    metric: 'cpu',
    value: 91,
    detail: '1 node(s) at 91 %',
    currentNodes: 1,
    readyNodes: 1,
    desiredNodes: 2,
    reason: 'AboveUpperThreshold',
    message: 'cpu 91 > 70',
    conditions: [],
  },
  tickMs: 1000,
  ...overrides,
});

describe('OverviewPage', () => {
  let manager: FakeManager;
  let streams: FakeStreamOpener;

  beforeEach(() => {
    manager = new FakeManager();
    streams = new FakeStreamOpener();
    TestBed.configureTestingModule({
      providers: [...signedIn(manager, streams), provideRouter([])],
    });
  });

  async function render(): Promise<{ element: HTMLElement; settle: () => Promise<void> }> {
    await TestBed.inject(CloudStore).refresh();
    await TestBed.inject(CloudSummaryStore).refresh();
    TestBed.inject(LiveConnection).connect(manager.token, {
      changed: () => undefined,
      refused: () => undefined,
    });
    const fixture = TestBed.createComponent(OverviewPage);
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    await settle();
    return { element: fixture.nativeElement as HTMLElement, settle };
  }

  const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('shows each pod’s live figures from the stream’s metrics frames', async () => {
    manager.pods = [aPod({ name: 'light', nodeCounts: { ONLINE: 2 } }), aPod({ name: 'heavy' })];
    manager.nodes = [aNode({ name: 'l1' }), aNode({ name: 'l2' })];
    const { element, settle } = await render();
    const light = element.querySelectorAll('strato-pod-card')[0];
    expect(text(light.querySelector('.req-rate'))).toBe('— req/s');

    streams.last.frame({
      kind: 'metrics',
      at: 'now',
      pods: [
        aSample({
          pod: 'light',
          requestRate: 123.4,
          latencyP50Ms: 12.2,
          latencyP99Ms: 80.7,
          queue: 3,
          cpuPercent: 64,
          nodes: { ready: 2, total: 2 },
          desiredNodes: 3,
        }),
        aSample({ pod: 'heavy', requestRate: 2.5, nodes: { ready: 1, total: 1 } }),
      ],
    });
    await settle();

    expect(text(light.querySelector('.req-rate'))).toBe('123 req/s');
    expect(text(light.querySelector('.latency'))).toBe('12 / 81 ms');
    expect(text(light.querySelector('.queue'))).toBe('3');
    expect(text(light.querySelector('.cpu'))).toBe('64 % of cap');
    expect(light.querySelector<HTMLElement>('.cpu .bar span')?.style.width).toBe('64%');
    expect(text(light.querySelector('.ready'))).toBe('2 ready / 2 → 3');
    expect(text(element.querySelector('.total-rate'))).toBe('126 req/s');
    expect(text(element.querySelector('.total-nodes'))).toBe('3 / 3');
  });

  it('says whether elasticity is on, its bounds and its last decision', async () => {
    manager.pods = [aPod({ name: 'light' }), aPod({ name: 'medium' })];
    manager.elasticity = [cpuElasticity(), cpuElasticity({ pod: 'medium', enabled: false, status: null })];
    const { element } = await render();
    const [light, medium] = Array.from(element.querySelectorAll('strato-pod-card'));

    expect(text(light.querySelector('.elasticity-state'))).toBe('Elasticity on');
    expect(text(light.querySelector('.elasticity-policy'))).toBe('cpu 20–70% CPU · 1–6 nodes');
    expect(text(light.querySelector('.elasticity-decision'))).toBe(
      'wants 2 — AboveUpperThreshold: cpu 91 > 70',
    );
    expect(text(medium.querySelector('.elasticity-state'))).toBe('Elasticity off');
    expect(medium.querySelector('.elasticity-decision')).toBeNull();
  });

  it('shows the load balancer with its health and the agents', async () => {
    manager.pods = [aPod({ name: 'light' }), aPod({ name: 'heavy', state: 'paused' })];
    manager.balancerUp = false;
    manager.loadBalancer = { kind: 'haproxy', url: 'http://127.0.0.1:8000' };
    manager.agents = [
      {
        id: 'local',
        url: 'http://127.0.0.1:8081',
        runtime: 'docker',
        cores: 2,
        memoryBytes: 1,
        labels: {},
        reachable: true,
        reserved: { nodes: 0, cpus: 0, memoryMiB: 0 },
        registeredAt: 'now',
        lastSeenAt: 'now',
        status: 'up',
        nodes: 3,
      },
    ];
    const { element } = await render();

    expect(text(element.querySelector('.total-pods'))).toBe('1 running / 2');
    expect(text(element.querySelector('.lb'))).toContain('haproxy · down');
    expect(text(element.querySelector('.lb-message'))).toBe('connect ECONNREFUSED');
    expect(text(element.querySelector('.agents'))).toBe('1 up / 1 local (docker, up, 3 nodes)');
  });
});
