import type Docker from 'dockerode';
import type { NodeLimits } from '@strato/contracts';
import { NodeNotRunningError } from '../errors/node-not-running.error';
import { hasStatus, translateDockerError } from './docker-errors';
import { engineLimits } from './engine-limits';

/** Engine calls as the docker and swarm runtimes make them: errors translated to the port's, limits asked once. */
export class DockerEngineCalls {
  private capabilities: Promise<NodeLimits> | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly context: { image: string; endpoint: string },
  ) {}

  /** Runs one engine call; `benign` is a status that means "already so" (e.g. 304 on start), giving undefined. */
  async call<T>(
    operation: string,
    nodeId: string | undefined,
    run: () => Promise<T>,
    benign?: number,
  ): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      if (benign !== undefined && hasStatus(error, benign)) return undefined;
      throw this.translate(error, operation, nodeId);
    }
  }

  translate(error: unknown, operation: string, nodeId: string | undefined): Error {
    if (error instanceof NodeNotRunningError) return error;
    return translateDockerError(error, { operation, nodeId, ...this.context });
  }

  /** From the engine's `GET /info`: a create on an engine without, say, swap limit support warns about it. */
  hostLimits(): Promise<NodeLimits> {
    this.capabilities ??= this.call('info', undefined, () => this.docker.info()).then(
      (info) => engineLimits(info ?? {}),
      (error: unknown) => {
        this.capabilities = undefined;
        throw error;
      },
    );
    return this.capabilities;
  }
}
