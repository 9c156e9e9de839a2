import { Injectable, computed, inject, signal } from '@angular/core';
import type { CloudStatus, Elasticity } from '@strato/api-client';
import { StratoApi } from '../api/strato-api';
import { CoalescedRead } from './coalesced-read';
import { OwnerTokenStore } from './owner-token.store';

type Agent = CloudStatus['agents'][number];
/** The load balancer, and whether the manager's health check reached it. */
export interface LoadBalancerSummary {
  readonly kind: CloudStatus['loadBalancer']['kind'];
  readonly url: string;
  readonly up: boolean | null;
  readonly message: string | null;
}

interface Summary {
  readonly elasticity: ReadonlyMap<string, Elasticity>;
  readonly agents: readonly Agent[];
  readonly loadBalancer: LoadBalancerSummary | null;
}

/**
 * What the overview shows beside the pods: each pod's elasticity (settings and last decision), the
 * agents and the load balancer. Read with the pods; a failed read keeps the last one (the pods' store
 * owns the error banners).
 */
@Injectable({ providedIn: 'root' })
export class CloudSummaryStore {
  private readonly api = inject(StratoApi);
  private readonly token = inject(OwnerTokenStore).value;
  private readonly state = signal<Summary>({ elasticity: new Map(), agents: [], loadBalancer: null });
  private readonly reads = new CoalescedRead(() => this.load());

  readonly elasticity = computed(() => this.state().elasticity);
  readonly agents = computed(() => this.state().agents);
  readonly loadBalancer = computed(() => this.state().loadBalancer);

  refresh(): Promise<void> {
    return this.reads.busy ? Promise.resolve() : this.reads.request();
  }

  changed(): Promise<void> {
    return this.reads.request();
  }

  private async load(): Promise<void> {
    const token = this.token();
    if (!token) return;
    try {
      const [elasticity, status, health] = await Promise.all([
        this.api.listElasticity(token),
        this.api.cloudStatus(token),
        this.api.health(token).catch(() => null),
      ]);
      const balancer = health?.details['loadBalancer'];
      if (token !== this.token()) return;
      this.state.set({
        elasticity: new Map(elasticity.map((entry) => [entry.pod, entry])),
        agents: status.agents,
        loadBalancer: {
          ...status.loadBalancer,
          up: balancer ? balancer.status === 'up' : null,
          message: typeof balancer?.['message'] === 'string' ? balancer['message'] : null,
        },
      });
    } catch {
      // The pods' read fails the same way and says so; keep the last summary on screen.
    }
  }
}
