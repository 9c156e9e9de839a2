import type Docker from 'dockerode';

/** What the engine answers to a create: the id, and what it could not honour (dockerode drops these). */
export interface CreatedContainer {
  id: string;
  warnings: string[];
}

/**
 * POST /containers/create, keeping the engine's `Warnings`: "Your kernel does not support swap limit
 * capabilities…" there is the only sign that a cap was dropped. Same request and errors as dockerode's.
 */
export function createContainer(
  docker: Docker,
  options: Docker.ContainerCreateOptions,
): Promise<CreatedContainer> {
  const { name, ...body } = options;
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/containers/create?',
        method: 'POST',
        options: { _query: name === undefined ? {} : { name }, _body: body },
        statusCodes: {
          200: true,
          201: true,
          400: 'bad parameter',
          404: 'no such container',
          406: 'impossible to attach',
          500: 'server error',
        },
      },
      (error, data) => {
        if (error) return reject(error);
        const { Id, Warnings } = (data ?? {}) as { Id?: string; Warnings?: string[] | null };
        if (typeof Id !== 'string') return reject(new Error('docker create answered without an Id'));
        resolve({ id: Id, warnings: Warnings ?? [] });
      },
    );
  });
}
