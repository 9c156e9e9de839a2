import { HaproxyServerBusyError, HaproxyServerExistsError } from '../errors';
import type { DynamicServerOptions, HaproxyRuntimeApi } from './haproxy-runtime-api';

export interface LeaveOptions {
  /** Bound on waiting for in-flight requests while draining; then the server is forced out. */
  drainTimeoutMs?: number;
  /** Bound on retrying `del server` after maint. */
  deleteTimeoutMs?: number;
  pollMs?: number;
  /** Wraps each group of commands, e.g. to keep them from interleaving with a reload. */
  exclusive?: <T>(step: () => Promise<T>) => Promise<T>;
  /**
   * Extra condition for "drained", e.g. no old worker left after a reload: requests in flight in an old
   * worker are invisible to the new one's `show stat`.
   */
  othersIdle?: () => Promise<boolean>;
  /** Called inside the same exclusive step as the successful `del server`. */
  onDeleted?: () => void;
}

export interface LeaveResult {
  /** False when in-flight requests were still running at the drain deadline and got shut down. */
  drained: boolean;
  waitedMs: number;
}

/**
 * Puts a node into rotation without a reload: `add server` (starts in MAINT), `enable health` (else
 * `no check`), `set server ... state ready`. A server of that name already present (e.g. rendered into the
 * config by a reload) is pointed at the given address and reused.
 */
export async function joinServer(
  runtime: HaproxyRuntimeApi,
  backend: string,
  server: string,
  options: DynamicServerOptions,
): Promise<void> {
  try {
    await runtime.addServer(backend, server, options);
    if (options.check !== false) await runtime.enableHealth(backend, server);
  } catch (error) {
    if (!(error instanceof HaproxyServerExistsError)) throw error;
    await runtime.setAddress(backend, server, options.host, options.port);
  }
  await runtime.setState(backend, server, 'ready');
}

/**
 * Takes a node out without losing a request: drain (no new requests), wait for `scur` 0, maint, shutdown
 * sessions (only bites after the drain deadline), `del server`, retrying "still has connections".
 */
export async function leaveServer(
  runtime: HaproxyRuntimeApi,
  backend: string,
  server: string,
  options: LeaveOptions = {},
): Promise<LeaveResult> {
  const started = Date.now();
  const pollMs = options.pollMs ?? 50;
  const exclusive = options.exclusive ?? (<T>(step: () => Promise<T>): Promise<T> => step());
  const othersIdle = options.othersIdle ?? (async (): Promise<boolean> => true);
  await exclusive(() => runtime.setState(backend, server, 'drain'));
  const idle = async (): Promise<boolean> =>
    (await exclusive(() => sessions(runtime, backend, server))) === 0 && (await othersIdle());
  const drained = await pollUntil(idle, { timeoutMs: options.drainTimeoutMs ?? 30_000, pollMs });
  await exclusive(async () => {
    await runtime.setState(backend, server, 'maint');
    await runtime.shutdownSessions(backend, server);
  });
  const onDeleted = options.onDeleted ?? ((): void => undefined);
  const remove = (): Promise<boolean> =>
    exclusive(async () => {
      const deleted = await tryDelete(runtime, backend, server);
      if (deleted) onDeleted();
      return deleted;
    });
  const deleted = await pollUntil(remove, { timeoutMs: options.deleteTimeoutMs ?? 10_000, pollMs });
  if (!deleted) {
    await exclusive(async () => {
      await runtime.delServer(backend, server);
      onDeleted();
    });
  }
  return { drained, waitedMs: Date.now() - started };
}

async function tryDelete(runtime: HaproxyRuntimeApi, backend: string, server: string): Promise<boolean> {
  try {
    await runtime.delServer(backend, server);
    return true;
  } catch (error) {
    if (!(error instanceof HaproxyServerBusyError)) throw error;
    // Entering maint purges the server's idle pooled connections, but a request that finished after that
    // parks its connection in the pool, blocking deletion until pool-purge-delay. Re-entering maint purges it.
    if ((await sessions(runtime, backend, server)) === 0) {
      await runtime.setState(backend, server, 'drain');
      await runtime.setState(backend, server, 'maint');
    }
    return false;
  }
}

async function sessions(runtime: HaproxyRuntimeApi, backend: string, server: string): Promise<number> {
  const row = (await runtime.showStat(backend)).find((r) => r.name === server);
  return row ? row.scur + row.qcur : 0;
}

async function pollUntil(
  check: () => Promise<boolean>,
  o: { timeoutMs: number; pollMs: number },
): Promise<boolean> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, o.pollMs));
  }
}
