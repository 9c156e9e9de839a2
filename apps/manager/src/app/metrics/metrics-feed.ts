import { Injectable } from '@nestjs/common';
import type { PodMetricsSample } from '@strato/contracts';
import { type Observable, Subject } from 'rxjs';

/** Every pod's sample of one tick: what a `metrics` frame of the live stream carries. */
export interface MetricsSnapshot {
  at: string;
  pods: PodMetricsSample[];
}

/** The metrics samples the moment they are taken, and the newest one of each pod. */
@Injectable()
export class MetricsFeed {
  private readonly subject = new Subject<MetricsSnapshot>();
  private readonly newest = new Map<string, PodMetricsSample>();

  readonly sampled$: Observable<MetricsSnapshot> = this.subject.asObservable();

  announce(snapshot: MetricsSnapshot): void {
    for (const sample of snapshot.pods) this.newest.set(sample.pod, sample);
    this.subject.next(snapshot);
  }

  /** The newest sample of each pod that has one, in the order the pods were first sampled. */
  latest(): PodMetricsSample[] {
    return [...this.newest.values()];
  }

  forget(pod: string): void {
    this.newest.delete(pod);
  }
}
