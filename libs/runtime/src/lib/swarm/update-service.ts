import type Docker from 'dockerode';
import { dockerFailure } from '../docker/docker-errors';

const MAX_ATTEMPTS = 5;

/** Swarm refuses an update made against a spec version that is no longer the current one. */
export function isOutOfSequence(error: unknown): boolean {
  return /update out of sequence/i.test(dockerFailure(error).message);
}

/**
 * Changes a service's spec with optimistic concurrency, as Swarm's API requires: read the spec and its
 * version, change it, send it with that version; when someone else updated the service in between, read
 * it again and retry (a few times). `change` gets a copy and returns the new spec.
 */
export async function updateService(
  service: Docker.Service,
  change: (spec: Docker.ServiceSpec) => Docker.ServiceSpec,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const info = (await service.inspect()) as Docker.Service & {
      Version: { Index: number };
      Spec: Docker.ServiceSpec;
    };
    const spec = change(structuredClone(info.Spec));
    try {
      await service.update({ ...spec, version: info.Version.Index });
      return;
    } catch (error) {
      if (!isOutOfSequence(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
