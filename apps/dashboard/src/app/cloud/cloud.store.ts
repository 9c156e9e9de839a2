import { Injectable, computed, inject, signal } from '@angular/core';
import type { Node, Pod } from '@strato/api-client';
import { describeFailure, isUnauthorized } from '../api/api-errors';
import { StratoApi } from '../api/strato-api';
import { joinPodsWithNodes } from '../pods/pod-with-nodes';
import { CoalescedRead } from './coalesced-read';
import { OwnerTokenStore } from './owner-token.store';

export type CloudError =
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'unreachable'; readonly message: string };

interface CloudState {
  readonly pods: readonly Pod[];
  readonly nodes: readonly Node[];
  readonly loading: boolean;
  readonly loadedAt: Date | null;
  readonly error: CloudError | null;
}

const initialState: CloudState = { pods: [], nodes: [], loading: false, loadedAt: null, error: null };

/** What the dashboard knows about the cloud: pods, their nodes, and whether the last read worked. */
@Injectable({ providedIn: 'root' })
export class CloudStore {
  private readonly api = inject(StratoApi);
  private readonly ownerToken = inject(OwnerTokenStore);
  private readonly state = signal<CloudState>(initialState);
  private latestRequest = 0;
  private readonly reads = new CoalescedRead(() => this.loadOnce());

  readonly token = this.ownerToken.value;
  readonly pods = computed(() => joinPodsWithNodes(this.state().pods, this.state().nodes));
  readonly loading = computed(() => this.state().loading);
  readonly loadedAt = computed(() => this.state().loadedAt);
  readonly error = computed(() => this.state().error);
  readonly needsToken = computed(() => this.token() === '' || this.error()?.kind === 'unauthorized');
  /** Why the last read failed for a reason other than the token, or null. */
  readonly unreachable = computed(() => {
    const error = this.error();
    return error?.kind === 'unreachable' ? error.message : null;
  });

  /** One poll: skipped while a read is still out, so a slow manager does not pile up requests. */
  async refresh(): Promise<void> {
    if (this.reads.busy) return;
    await this.reads.request();
  }

  /**
   * The manager announced a change: read now, or right after the read that is out (which may have
   * started before the change). Bursts collapse into at most one more read.
   */
  changed(): Promise<void> {
    return this.reads.request();
  }

  /** The manager refused the token (on the live stream): ask for it again. */
  tokenRefused(): void {
    this.latestRequest++;
    this.state.set({ ...initialState, error: { kind: 'unauthorized' } });
  }

  async saveToken(token: string): Promise<void> {
    this.ownerToken.set(token);
    await this.reads.request();
  }

  private async loadOnce(): Promise<void> {
    const token = this.token();
    if (!token) {
      this.state.set({ ...initialState, error: { kind: 'unauthorized' } });
      return;
    }
    const request = ++this.latestRequest;
    this.patch({ loading: true });
    try {
      const [pods, nodes] = await Promise.all([this.api.listPods(token), this.api.listNodes(token)]);
      if (request !== this.latestRequest) return;
      this.state.set({ pods, nodes, loading: false, loadedAt: new Date(), error: null });
    } catch (error: unknown) {
      if (request !== this.latestRequest) return;
      if (isUnauthorized(error)) {
        this.state.set({ ...initialState, error: { kind: 'unauthorized' } });
      } else {
        // Keep the last good picture on screen; the banner says it is stale.
        this.patch({ loading: false, error: { kind: 'unreachable', message: describeFailure(error) } });
      }
    }
  }

  private patch(change: Partial<CloudState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}
