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
        });
    new Logger('Runtime').log(`node runtime: ${runtime.kind}`);
    return runtime;
  },
};
