import { TestBed } from '@angular/core/testing';
import type { PodMetrics } from '@strato/api-client';
import { anEvent } from '../../testing/event-fixtures';
import { FakeEventLog } from '../../testing/fake-event-log';
import { FakeManager } from '../../testing/fake-manager';
import { FakeStreamOpener } from '../../testing/fake-stream';
import { signedIn } from '../../testing/signed-in';
import { aPoint, aSample } from '../../testing/fixtures';
import { LiveConnection } from '../cloud/live-connection';
import { PodCharts } from './pod-charts';

const at = (second: number): string => new Date(Date.UTC(2026, 0, 1, 10, 0, second)).toISOString();

function history(range: string, requestRates: number[]): PodMetrics {
  return {
    pod: 'light',
    range: range as PodMetrics['range'],
    stepSeconds: 1,
    source: 'raw',
    points: requestRates.map((requestRate, second) => aPoint({ at: at(second), requestRate })),
    nodes: [{ node: 'light-1', points: [{ at: at(0), cpuPercent: 21, memoryBytes: 1 }] }],
  };
}

describe('PodCharts', () => {
  let manager: FakeManager;
  let streams: FakeStreamOpener;
  let log: FakeEventLog;
  const ranges: string[] = [];

  beforeEach(() => {
    manager = new FakeManager();
    streams = new FakeStreamOpener();
    log = new FakeEventLog();
    ranges.length = 0;
    manager.on('GET', '/api/v1/events', log.answer);
    manager.on('GET', '/api/v1/pods/light/metrics', (request) => {
      const range = new URL(request.url).searchParams.get('range') ?? '15m';
      ranges.push(range);
      return Response.json(history(range, range === '15m' ? [5, 8] : [1, 2, 3]));
    });
    TestBed.configureTestingModule({
      providers: [...signedIn(manager, streams)],
    });
    TestBed.inject(LiveConnection).connect(manager.token, {
      changed: () => undefined,
      refused: () => undefined,
    });
  });

  async function render(): Promise<{ element: HTMLElement; settle: () => Promise<void> }> {
    const fixture = TestBed.createComponent(PodCharts);
    fixture.componentRef.setInput('pod', 'light');
    fixture.componentRef.setInput('cpuCap', 0.3);
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    await settle();
    return { element: fixture.nativeElement as HTMLElement, settle };
  }

  const figure = (element: HTMLElement, name: string) =>
    element.querySelector(`figure[data-chart="${name}"]`);
  const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('draws the last 15 minutes from the history, then follows the live samples', async () => {
    const { element, settle } = await render();
    expect(ranges).toEqual(['15m']);
    expect(figure(element, 'throughput')?.getAttribute('data-latest')).toBe('8');
    expect(text(figure(element, 'cpu')?.querySelector('.now') ?? null)).toBe('light-1 21 % · cap 30 %');

    streams.last.frame({
      kind: 'metrics',
      at: at(2),
      pods: [
        aSample({ pod: 'light', at: at(2), requestRate: 42 }),
        aSample({ pod: 'heavy', at: at(2), requestRate: 7 }),
      ],
    });
    await settle();

    expect(figure(element, 'throughput')?.getAttribute('data-latest')).toBe('42');
    // req/s and 5xx/s, three points each.
    expect(figure(element, 'throughput')?.getAttribute('data-points')).toBe('6');
  });

  it('reads a longer range from the history and leaves the live samples out of it', async () => {
    const { element, settle } = await render();
    element.querySelector<HTMLButtonElement>('button[data-range="6h"]')?.click();
    await settle();

    expect(ranges).toEqual(['15m', '6h']);
    expect(figure(element, 'throughput')?.getAttribute('data-latest')).toBe('3');
    expect(element.querySelector('button[data-range="6h"]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('lists the scaling decisions with their reason, and a new one as the stream brings it', async () => {
    log.events = [
      anEvent({
        id: 1,
        at: at(0),
        type: 'ScaleOut',
        message: 'light: 1 -> 2 (AboveUpperThreshold: cpu 91 > 70)',
      }),
      anEvent({ id: 2, at: at(1), type: 'NodeOnline' }),
    ];
    const { element, settle } = await render();
    expect(
      Array.from(element.querySelectorAll('.scaling-event strong, .scaling-event .message')).map(text),
    ).toEqual(['Scale out', 'light: 1 -> 2 (AboveUpperThreshold: cpu 91 > 70)']);

    streams.last.frame({
      kind: 'events',
      lastEventId: 3,
      events: [
        anEvent({ id: 3, at: at(1), type: 'ScaleIn', message: 'light: 2 -> 1 (BelowLowerThreshold)' }),
        anEvent({ id: 4, at: at(1), type: 'ScaleOut', pod: 'heavy', message: 'heavy' }),
      ],
    });
    await settle();

    expect(
      Array.from(element.querySelectorAll('.scaling-event')).map((row) => row.getAttribute('data-type')),
    ).toEqual(['ScaleIn', 'ScaleOut']);
  });

  it('says so when the history cannot be read', async () => {
    manager.on('GET', '/api/v1/pods/light/metrics', () =>
      Response.json(
        { statusCode: 503, error: 'Service Unavailable', message: 'store busy' },
        { status: 503 },
      ),
    );
    const { element } = await render();

    expect(text(element.querySelector('.error'))).toContain('store busy');
  });
});
