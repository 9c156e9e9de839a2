/** One request of the steady traffic: when it went out and came back (epoch ms), and how. */
export interface SentRequest {
  startedAt: number;
  endedAt: number;
  ok: boolean;
  /** The HTTP status, or the transport error's name (a timeout, a reset…). */
  outcome: string;
}

export interface SteadyTraffic {
  /** Stops sending, waits for what is in flight, answers every request sent. */
  stop(): Promise<SentRequest[]>;
}

/**
 * `users` closed-loop users, each sending GET url again as soon as (and `pauseMs` after) the last answer
 * came back, each request with its own deadline. Per-request records, so a failure can be placed in time
 * (was it in flight when a link was cut?). Bounded: it stops by itself after `maxMs`.
 */
export function startSteadyTraffic(
  url: string,
  options: { users: number; timeoutMs: number; pauseMs?: number; maxMs: number },
): SteadyTraffic {
  const sent: SentRequest[] = [];
  const until = Date.now() + options.maxMs;
  let stopped = false;
  const user = async (): Promise<void> => {
    while (!stopped && Date.now() < until) {
      const startedAt = Date.now();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
        await response.arrayBuffer();
        sent.push({ startedAt, endedAt: Date.now(), ok: response.ok, outcome: String(response.status) });
      } catch (error) {
        const name = (error as Error).name === 'Error' ? (error as Error).message : (error as Error).name;
        sent.push({ startedAt, endedAt: Date.now(), ok: false, outcome: name });
      }
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 20));
    }
  };
  const users = Array.from({ length: options.users }, () => user());
  return {
    async stop() {
      stopped = true;
      await Promise.all(users);
      return sent.sort((a, b) => a.startedAt - b.startedAt);
    },
  };
}
