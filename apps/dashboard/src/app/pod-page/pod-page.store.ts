import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type Elasticity, type Node, type Pod, StratoApiError, type StreamFrame } from '@strato/api-client';
import { filter } from 'rxjs';
import { describeFailure } from '../api/api-errors';
import { ElasticityApi } from '../api/elasticity.api';
import { PodReadsApi } from '../api/pod-reads.api';
import { CoalescedRead } from '../cloud/coalesced-read';
import { LiveConnection } from '../cloud/live-connection';
import { OwnerTokenStore } from '../cloud/owner-token.store';
import type { NodeUsage, ServerStatus } from './node-numbers';
import { nodeRows } from './node-rows';

interface PodPageState {
  /** As the route names it: a name or a seed alias (0/1/2). */
  readonly name: string | null;
  readonly pod: Pod | null;
  readonly nodes: readonly Node[];
  readonly missing: boolean;
  readonly error: string | null;
  readonly elasticity: Elasticity | null;
  readonly elasticityError: string | null;
  readonly usage: ReadonlyMap<string, NodeUsage>;
  readonly servers: ReadonlyMap<string, ServerStatus>;
  readonly numbersError: string | null;
  readonly readAt: number;
}

const blank = (name: string | null): PodPageState => ({
  name,
  pod: null,
  nodes: [],
  missing: false,
  error: null,
  elasticity: null,
  elasticityError: null,
  usage: new Map(),
  servers: new Map(),
  numbersError: null,
  readAt: Date.now(),
});

const byName = (a: Node, b: Node): number => a.name.localeCompare(b.name, 'en', { numeric: true });

/**
 * What the pod page shows of one pod: the pod and its nodes (read again on every change the stream
 * announces for it), and the numbers that move on their own (polled): the nodes' use, the balancer's
 * view of them and the pod's elasticity decision.
 */
@Injectable()
export class PodPageStore {
  private readonly reads = inject(PodReadsApi);
  private readonly elasticityApi = inject(ElasticityApi);
  private readonly token = inject(OwnerTokenStore).value;
  private readonly state = signal<PodPageState>(blank(null));
  private readonly everything = new CoalescedRead(() => this.readEverything());
  private readonly numbers = new CoalescedRead(() => this.readNumbers());

  readonly pod = computed(() => this.state().pod);
  /** The pod's name as the manager spells it once read (the route may use an alias). */
  readonly podName = computed(() => this.state().pod?.name ?? this.state().name);
  readonly nodes = computed(() => this.state().nodes);
  readonly error = computed(() => this.state().error);
  readonly elasticity = computed(() => this.state().elasticity);
  readonly elasticityError = computed(() => this.state().elasticityError);
  readonly numbersError = computed(() => this.state().numbersError);
  readonly rows = computed(() => {
    const { nodes, usage, servers, readAt } = this.state();
    return nodeRows(nodes, usage, servers, readAt);
  });
  readonly view = computed(() => {
    const { missing, pod, error } = this.state();
    if (missing) return 'missing';
    if (pod) return 'ready';
    return error ? 'failed' : 'loading';
  });

  constructor() {
    inject(LiveConnection)
      .frames$.pipe(
        filter((frame) => this.concerns(frame)),
        takeUntilDestroyed(),
      )
      .subscribe(() => void this.changed());
  }

  /** Show `name` (from the route): forget another pod's data, read this one's. */
  open(name: string): Promise<void> {
    if (name !== this.state().name) this.state.set(blank(name));
    return this.everything.request();
  }

  /** Something changed: read it all now, or right after the read that is out. */
  changed(): Promise<void> {
    return this.everything.request();
  }

  /** The poll: fresh numbers; or, while the pod could not be read, another try. */
  poll(): void {
    const view = this.view();
    if (view === 'ready' && !this.numbers.busy) void this.numbers.request();
    else if (view === 'failed' && !this.everything.busy) void this.everything.request();
  }

  /** Events for this pod, or a reset (events were lost, so any of them may have been for it). */
  private concerns(frame: StreamFrame): boolean {
    if (frame.kind === 'reset') return true;
    if (frame.kind !== 'events') return false;
    const { name, pod } = this.state();
    return frame.events.some(
      (event) => event.pod !== null && (event.pod === name || event.pod === pod?.name),
    );
  }

  private async readEverything(): Promise<void> {
    const { name } = this.state();
    const token = this.token();
    if (!name || !token) return;
    try {
      const [pod, nodes] = await Promise.all([
        this.reads.getPod(token, name),
        this.reads.listNodes(token, name),
      ]);
      if (!this.stillFor(name, token)) return;
      // The fake and an older manager may answer every node; the page shows this pod's only.
      const own = nodes.filter((node) => node.pod === pod.name).sort(byName);
      this.patch({ pod, nodes: own, missing: false, error: null, readAt: Date.now() });
    } catch (error: unknown) {
      if (!this.stillFor(name, token)) return;
      if (error instanceof StratoApiError && error.status === 404)
        this.state.set({ ...blank(name), missing: true });
      else this.patch({ error: describeFailure(error) });
      return;
    }
    await this.numbers.request();
  }

  /**
   * What moves without an event: use, balancer numbers and the elasticity's last evaluation. A part
   * that fails keeps its last value and says why.
   */
  private async readNumbers(): Promise<void> {
    const { name } = this.state();
    const podName = this.podName();
    const token = this.token();
    if (!name || !podName || !token) return;
    const [usage, balancer, elasticity] = await Promise.allSettled([
      this.reads.usage(token, name),
      this.reads.loadBalancer(token),
      this.elasticityApi.get(token, name),
    ]);
    if (!this.stillFor(name, token)) return;
    if (elasticity.status === 'fulfilled')
      this.patch({ elasticity: elasticity.value, elasticityError: null });
    else this.patch({ elasticityError: describeFailure(elasticity.reason) });
    const problems: string[] = [];
    let { usage: byNode, servers } = this.state();
    if (usage.status === 'fulfilled') byNode = new Map(usage.value.nodes.map((node) => [node.node, node]));
    else problems.push(`CPU and memory: ${describeFailure(usage.reason)}`);
    if (balancer.status === 'fulfilled') {
      const own = balancer.value.pods.find((entry) => entry.pod === podName)?.servers ?? [];
      servers = new Map(own.map((server) => [server.node, server]));
    } else problems.push(`load balancer: ${describeFailure(balancer.reason)}`);
    this.patch({
      usage: byNode,
      servers,
      readAt: Date.now(),
      numbersError: problems.length ? `Cannot read ${problems.join('; ')}` : null,
    });
  }

  private stillFor(name: string, token: string): boolean {
    return this.state().name === name && this.token() === token;
  }

  private patch(change: Partial<PodPageState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}
