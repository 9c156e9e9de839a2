import { Logger, type Provider } from '@nestjs/common';
import {
  DockerNodeRuntime,
  isDockerReachable,
  type NodeRuntime,
  ProcessNodeRuntime,
  SwarmNodeRuntime,
} from '@strato/runtime';
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';

export const NODE_RUNTIME = Symbol('NodeRuntime');

/**
 * The only place that chooses the runtime adapter: swarm only when asked (the engine at DOCKER_HOST is a
 * swarm manager), docker when asked (or reachable, with auto), else process.
 */
export const nodeRuntimeProvider: Provider = {
  provide: NODE_RUNTIME,
  inject: [AGENT_CONFIG],
  useFactory: async (config: AgentConfig): Promise<NodeRuntime> => {
    const runtime = await chooseRuntime(config);
    const logger = new Logger('Runtime');
    const limits = await runtime.hostLimits().catch((error: Error) => ({
      enforced: false,
      reason: `cannot tell: ${error.message}`,
    }));
    const caps = limits.enforced ? 'enforced' : `NOT enforced (${limits.reason})`;
    if (limits.enforced) logger.log(`node runtime: ${runtime.kind}; CPU and memory caps ${caps}`);
    else logger.warn(`node runtime: ${runtime.kind}; CPU and memory caps ${caps}`);
    return runtime;
  },
};

async function chooseRuntime(config: AgentConfig): Promise<NodeRuntime> {
  const { cloud, nodeImage: image } = config;
  if (config.runtime === 'swarm')
    return new SwarmNodeRuntime({
      cloud,
      image,
      overcommit: config.overcommit,
      logger: new Logger('SwarmRuntime'),
    });
  if (config.runtime === 'docker' || (config.runtime === 'auto' && (await isDockerReachable())))
    return new DockerNodeRuntime({ cloud, image });
  return new ProcessNodeRuntime({
    cloud,
    jobServerPath: config.jobServerPath,
    stateDir: config.stateDir,
    cgroupHost: config.cgroupRoot === undefined ? undefined : { v2Root: config.cgroupRoot },
    logger: new Logger('ProcessRuntime'),
  });
}
