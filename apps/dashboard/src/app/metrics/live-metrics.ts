import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { PodMetricsSample } from '@strato/contracts';
import { filter } from 'rxjs';
import { LiveConnection } from '../cloud/live-connection';

/** How far back the live charts reach; older samples come from the manager's history. */
export const LIVE_WINDOW_MS = 15 * 60_000;

export interface CloudTotals {
  readonly requestRate: number;
  readonly readyNodes: number;
  readonly totalNodes: number;
  readonly queue: number;
}

/**
 * The pods' numbers as the manager samples them (every second), from the live stream's `metrics`
 * frames: the newest sample per pod, and the last 15 minutes of them for the live charts.
 */
@Injectable({ providedIn: 'root' })
export class LiveMetrics {
  private readonly recentByPod = signal<ReadonlyMap<string, readonly PodMetricsSample[]>>(new Map());

  readonly latest = computed(() => {
    const latest = new Map<string, PodMetricsSample>();
    for (const [pod, samples] of this.recentByPod()) {
      const newest = samples.at(-1);
      if (newest) latest.set(pod, newest);
    }
    return latest;
  });

  readonly totals = computed<CloudTotals | null>(() => {
    const samples = [...this.latest().values()];
    if (samples.length === 0) return null;
    return samples.reduce<CloudTotals>(
      (sum, sample) => ({
        requestRate: sum.requestRate + sample.requestRate,
        readyNodes: sum.readyNodes + sample.nodes.ready,
        totalNodes: sum.totalNodes + sample.nodes.total,
        queue: sum.queue + sample.queue,
      }),
      { requestRate: 0, readyNodes: 0, totalNodes: 0, queue: 0 },
    );
  });

  constructor() {
    inject(LiveConnection)
      .frames$.pipe(
        filter((frame) => frame.kind === 'metrics'),
        takeUntilDestroyed(),
      )
      .subscribe((frame) => this.take(frame.pods));
  }

  /** The pod's samples of the last 15 minutes, oldest first. */
  recent(pod: string): readonly PodMetricsSample[] {
    return this.recentByPod().get(pod) ?? [];
  }

  private take(samples: readonly PodMetricsSample[]): void {
    this.recentByPod.update((current) => {
      const next = new Map(current);
      for (const sample of samples) {
        const since = Date.parse(sample.at) - LIVE_WINDOW_MS;
        const kept = (next.get(sample.pod) ?? []).filter((old) => Date.parse(old.at) > since);
        next.set(sample.pod, [...kept, sample]);
      }
      return next;
    });
  }
}
