import { Logger, type Provider } from '@nestjs/common';
import { DockerNodeRuntime, isDockerReachable, type NodeRuntime, ProcessNodeRuntime } from '@strato/runtime';
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';

export const NODE_RUNTIME = Symbol('NodeRuntime');

/** The only place that chooses the runtime adapter: docker when asked (or reachable, with auto), else process. */
export const nodeRuntimeProvider: Provider = {
  provide: NODE_RUNTIME,
  inject: [AGENT_CONFIG],
  useFactory: async (config: AgentConfig): Promise<NodeRuntime> => {
    const useDocker =
      config.runtime === 'docker' || (config.runtime === 'auto' && (await isDockerReachable()));
    const runtime: NodeRuntime = useDocker
      ? new DockerNodeRuntime({ cloud: config.cloud, image: config.nodeImage })
      : new ProcessNodeRuntime({
          cloud: config.cloud,
          jobServerPath: config.jobServerPath,
          stateDir: config.stateDir,
          cgroupHost: config.cgroupRoot === undefined ? undefined : { v2Root: config.cgroupRoot },
          logger: new Logger('ProcessRuntime'),
        });
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
