import Docker from 'dockerode';

export interface DockerEndpoint {
  client: Docker;
  /** Where the engine was looked for, for error messages. */
  description: string;
}

export function connectDocker(socketPath?: string, timeoutMs?: number): DockerEndpoint {
  // docker-modem merges options over its defaults, so an explicit `undefined` would erase the default socket.
  const options: Docker.DockerOptions = {};
  if (socketPath !== undefined) options.socketPath = socketPath;
  if (timeoutMs !== undefined) options.timeout = timeoutMs;
  const description = socketPath ?? process.env['DOCKER_HOST'] ?? '/var/run/docker.sock';
  return { client: new Docker(options), description };
}

export async function isDockerReachable(socketPath?: string): Promise<boolean> {
  try {
    await connectDocker(socketPath, 2_000).client.ping();
    return true;
  } catch {
    return false;
  }
}
