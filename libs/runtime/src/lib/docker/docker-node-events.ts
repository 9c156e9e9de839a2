import type Docker from 'dockerode';
import type { RuntimeEventListener, RuntimeLogger, Unsubscribe } from '../runtime-event';
import { RuntimeEventHub } from '../runtime-event-hub';
import { cloudFilter } from './container-config';
import { DockerEventStream } from './docker-event-stream';
import { hasStatus } from './docker-errors';
import { toRuntimeEvent, type EngineEvent } from './engine-event';

/** Exits and OOM kills of one cloud's containers, from the engine's /events filtered by our labels. */
export class DockerNodeEvents {
  private readonly hub: RuntimeEventHub;
  /** Containers whose `oom` came before their `die`: the die then needs no inspect to know. */
  private readonly oomSeen = new Set<string>();

  constructor(
    private readonly docker: Docker,
    cloud: string,
    logger: RuntimeLogger,
  ) {
    const stream = new DockerEventStream({
      open: (since) =>
        this.docker.getEvents({
          since,
          filters: { ...cloudFilter(cloud), type: ['container'], event: ['die', 'oom'] },
        }),
      onEvent: (event) => this.handle(event),
      logger,
    });
    this.hub = new RuntimeEventHub(stream, logger);
  }

  subscribe(listener: RuntimeEventListener): Unsubscribe {
    return this.hub.subscribe(listener);
  }

  private async handle(event: EngineEvent): Promise<void> {
    const id = event.Actor?.ID ?? '';
    if (event.Action === 'oom') this.oomSeen.add(id);
    const oomKilled = event.Action === 'die' && (this.oomSeen.delete(id) || (await this.diedOfOom(id)));
    const runtimeEvent = toRuntimeEvent(event, oomKilled);
    if (runtimeEvent !== undefined) this.hub.emit(runtimeEvent);
  }

  private async diedOfOom(id: string): Promise<boolean> {
    try {
      return (await this.docker.getContainer(id).inspect()).State.OOMKilled;
    } catch (error) {
      // Removed already (a forced remove races its own die event): nothing left to tell.
      if (hasStatus(error, 404)) return false;
      throw error;
    }
  }
}
