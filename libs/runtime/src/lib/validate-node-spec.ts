import type { NodeSpec } from './node-runtime';

// Ids become file names and container names: keep them to Docker's name alphabet, no path separators.
const ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

export function assertValidId(kind: 'cloud' | 'node' | 'pod' | 'attempt', id: string): void {
  if (!ID_PATTERN.test(id)) {
    throw new RangeError(`${kind} id "${id}" must match ${ID_PATTERN.source}`);
  }
}

export function assertValidNodeSpec(spec: NodeSpec): void {
  assertValidId('node', spec.nodeId);
  assertValidId('pod', spec.pod);
  if (!Number.isInteger(spec.incarnation) || spec.incarnation < 1) {
    throw new RangeError(
      `node ${spec.nodeId}: incarnation must be a positive integer, got ${spec.incarnation}`,
    );
  }
  if (!Number.isInteger(spec.port) || spec.port < 1 || spec.port > 65_535) {
    throw new RangeError(`node ${spec.nodeId}: port must be an integer in 1..65535, got ${spec.port}`);
  }
  if (!(spec.cpus > 0) || !(spec.memoryMiB > 0)) {
    throw new RangeError(
      `node ${spec.nodeId}: cpus and memoryMiB must be positive, got ${spec.cpus} / ${spec.memoryMiB}`,
    );
  }
  if (spec.bootCpus !== undefined && !(spec.bootCpus > 0)) {
    throw new RangeError(`node ${spec.nodeId}: bootCpus must be positive, got ${spec.bootCpus}`);
  }
}

/** The boot cap a spec asks for, when it is above the node's own cap (else there is no boost). */
export function boostedBootCpus(spec: Pick<NodeSpec, 'cpus' | 'bootCpus'>): number | undefined {
  return spec.bootCpus !== undefined && spec.bootCpus > spec.cpus ? spec.bootCpus : undefined;
}
