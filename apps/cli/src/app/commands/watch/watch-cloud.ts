import { type Pod, unwrap } from '@strato/api-client';
import type { CommandContext } from '../../context';
import { followStream, reportDrops } from '../follow-stream';
import { watchPrinter } from './watch-printer';
import { initialView, mayChangePodStates, type WatchView, withFrame } from './watch-view';

type PodStates = Map<string, Pod['state']>;

async function readPodStates(ctx: CommandContext): Promise<PodStates> {
  const pods = await unwrap(ctx.client.GET('/api/v1/pods'));
  return new Map(pods.map((pod) => [pod.name, pod.state]));
}

/**
 * The cloud live from the manager's stream with metrics, until `stop` aborts: a screen (see
 * watchPrinter), or with --json every frame as one JSON line.
 */
export async function watchCloud(
  ctx: CommandContext,
  pod: string | undefined,
  stop: AbortSignal,
): Promise<void> {
  // Read first: a wrong token or a manager that is down fails at once with the CLI's usual message,
  // where the stream would keep retrying an unreachable manager.
  let view = initialView(await readPodStates(ctx));
  const query = { pod, metrics: true };
  if (ctx.json) {
    const print = (frame: unknown) => ctx.output.out(JSON.stringify(frame));
    return followStream(ctx, query, { onFrame: print, onState: reportDrops(ctx.output) }, stop);
  }
  const print = watchPrinter(ctx.output);
  const show = (next: WatchView): void => {
    view = next;
    if (!stop.aborted) print(view);
  };
  let latestRead = 0;
  const refreshPodStates = (): void => {
    const read = ++latestRead;
    readPodStates(ctx).then(
      (podStates) => read === latestRead && show({ ...view, podStates }),
      // Kept as they were: the manager is away, the status line already says so, and the next
      // reconnect reads them again.
      () => undefined,
    );
  };
  show(view);
  return followStream(
    ctx,
    query,
    {
      onFrame: (frame) => {
        show(withFrame(view, frame, new Date()));
        if (mayChangePodStates(frame)) refreshPodStates();
      },
      onState: (connection) => {
        show({ ...view, connection });
        // Read again on every (re)connect: a change between the first read and the stream would be missed.
        if (connection.state === 'live') refreshPodStates();
      },
    },
    stop,
  );
}
