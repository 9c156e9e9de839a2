import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { aNode, aPod } from '../../testing/fixtures';
import { PodList } from './pod-list';
import type { PodWithNodes } from './pod-with-nodes';

describe('PodList', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideRouter([])] }));

  async function render(pods: PodWithNodes[]): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(PodList);
    fixture.componentRef.setInput('pods', pods);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('links each pod to its page', async () => {
    const element = await render([{ pod: aPod({ name: 'medium' }), nodes: [] }]);

    expect(element.querySelector('.name a')?.getAttribute('href')).toBe('/pods/medium');
    expect(element.querySelector('.no-nodes')?.textContent).toContain('No nodes yet — launch one');
    expect(element.querySelector('.no-nodes a')?.getAttribute('href')).toBe('/pods/medium');
  });

  it('shows each pod with its size, path and node counts by status', async () => {
    const element = await render([
      {
        pod: aPod({
          name: 'light',
          cpus: 0.3,
          memoryMiB: 100,
          maxNodes: 20,
          nodeCounts: { ONLINE: 2, FAILED: 1 },
        }),
        nodes: [],
      },
      { pod: aPod({ name: 'heavy', cpus: 0.8, memoryMiB: 500, maxNodes: 10, state: 'paused' }), nodes: [] },
    ]);

    const cards = element.querySelectorAll('strato-pod-card');
    expect(cards).toHaveLength(2);
    const light = cards[0];
    expect(text(light.querySelector('h2'))).toBe('light');
    expect(text(light.querySelector('.path code'))).toBe('/light');
    expect(text(light.querySelector('.facts'))).toContain('0.3 CPU');
    expect(text(light.querySelector('.facts'))).toContain('100 MiB');
    expect(text(light.querySelector('.facts'))).toContain('3 / 20 max');
    const counts = [...light.querySelectorAll('.counts strato-status-badge')].map(text);
    expect(counts).toEqual(['ONLINE 2', 'FAILED 1']);
    expect(text(cards[1].querySelector('.head strato-status-badge'))).toBe('paused');
  });

  it('lists a pod’s nodes with a coloured status badge, host:port and the reason a node failed', async () => {
    const element = await render([
      {
        pod: aPod({ nodeCounts: { ONLINE: 1, FAILED: 1 } }),
        nodes: [
          aNode({ name: 'light-1', status: 'ONLINE', host: '127.0.0.1', port: 41001 }),
          aNode({
            name: 'light-2',
            status: 'FAILED',
            host: null,
            port: null,
            reason: 'OOM killed (exit 137)',
          }),
        ],
      },
    ]);

    const rows = [...element.querySelectorAll('tbody tr')];
    expect(rows.map((row) => [...row.querySelectorAll('td')].map(text))).toEqual([
      ['light-1', 'ONLINE', '127.0.0.1:41001', 'enforced', ''],
      ['light-2', 'FAILED', '—', 'enforced', 'OOM killed (exit 137)'],
    ]);
    expect(rows[0].querySelector('strato-status-badge')?.classList).toContain('badge--online');
    expect(rows[1].querySelector('strato-status-badge')?.classList).toContain('badge--failed');
  });

  it('says for each node whether its host enforces its caps, and why not', async () => {
    const element = await render([
      {
        pod: aPod({ nodeCounts: { ONLINE: 1, NEW: 1 } }),
        nodes: [
          aNode({
            name: 'light-1',
            limits: { enforced: false, reason: 'cgroup /sys/fs/cgroup/x is not writable (EACCES)' },
          }),
          aNode({ name: 'light-2', status: 'NEW', limits: { enforced: null, reason: null } }),
        ],
      },
    ]);

    const caps = [...element.querySelectorAll('tbody td.caps')];
    expect(caps.map(text)).toEqual(['not enforced: cgroup /sys/fs/cgroup/x is not writable (EACCES)', '—']);
    expect(caps[0].classList).toContain('uncapped');
    expect(text(element.querySelector('thead'))).toContain('Caps');
  });

  it('tells the owner to run cloud init when there are no pods', async () => {
    const element = await render([]);

    expect(text(element.querySelector('.empty'))).toBe('No pods yet — run cloud init');
    expect(element.querySelector('strato-pod-card')).toBeNull();
  });
});
