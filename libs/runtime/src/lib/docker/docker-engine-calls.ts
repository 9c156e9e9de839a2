import type Docker from 'dockerode';
import type { NodeLimits } from '@strato/contracts';
import { NodeNotRunningError } from '../errors/node-not-running.error';
import { RuntimeUnavailableError } from '../errors/runtime-unavailable.error';
import { hasStatus, translateDockerError } from './docker-errors';
import type { RuntimeCapacity } from '../node-runtime';
import { type EngineCapabilities, engineLimits } from './engine-limits';

type EngineInfo = EngineCapabilities & {
  NCPU?: number;
  MemTotal?: number;
  Swarm?: { NodeID?: string; LocalNodeState?: string };
};

/** Engine calls as the docker and swarm runtimes make them: errors translated to the port's, `GET /info` asked once. */
export class DockerEngineCalls {
  private engineInfo: Promise<EngineInfo> | undefined;

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
  async hostLimits(): Promise<NodeLimits> {
    return engineLimits(await this.info());
  }

  /** The engine's host, which is not the agent's when DOCKER_HOST names another machine. */
  async capacity(): Promise<RuntimeCapacity> {
    const info = await this.info();
    return { cores: Number(info.NCPU ?? 0), memoryBytes: Number(info.MemTotal ?? 0), hosts: 1 };
  }

  /** The engine's own host in its swarm; RuntimeUnavailableError (asked again next time) when in none. */
  async swarmNodeId(): Promise<string> {
    const info = await this.info();
    const id = info.Swarm?.NodeID;
    if (info.Swarm?.LocalNodeState === 'active' && id) return id;
    this.engineInfo = undefined;
    throw new RuntimeUnavailableError(
      `the docker engine at ${this.context.endpoint} is not in a swarm (${info.Swarm?.LocalNodeState ?? 'no swarm state'}): ` +
        'run docker swarm init there, or use the docker runtime',
    );
  }

  /** Asked once; a failed ask is asked again next time. */
  private info(): Promise<EngineInfo> {
    this.engineInfo ??= this.call('info', undefined, () => this.docker.info()).then(
      (info: EngineInfo | undefined) => info ?? {},
      (error: unknown) => {
        this.engineInfo = undefined;
        throw error;
      },
    );
    return this.engineInfo;
  }
}
