/**
 * Where a pod's nodes go. `spread`: over every host with room, the host with the fewest of the pod's nodes
 * first; `one-host`: all on one host (the course model: one VM per pod), the one its first node went to.
 * `labels`: only hosts whose agent carries every one of these labels.
 */
export const PLACEMENT_MODES = ['spread', 'one-host'] as const;
export type PlacementMode = (typeof PLACEMENT_MODES)[number];

export interface PodPlacement {
  mode: PlacementMode;
  labels: Record<string, string>;
}

export const DEFAULT_PLACEMENT: PodPlacement = Object.freeze({ mode: 'spread', labels: Object.freeze({}) });

/** A label key or value (zone, eu-west-1a, disk/ssd): nothing that needs quoting anywhere. */
export const LABEL_PATTERN = /^[a-zA-Z0-9]([a-zA-Z0-9._/-]{0,61}[a-zA-Z0-9])?$/;
export const MAX_LABELS = 16;

/** What is wrong with a label map, or undefined when it is one. */
export function labelMapProblem(labels: unknown): string | undefined {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels))
    return 'must be an object of label names to values';
  const entries = Object.entries(labels);
  if (entries.length > MAX_LABELS) return `may have at most ${MAX_LABELS} labels`;
  for (const [key, value] of entries) {
    if (!LABEL_PATTERN.test(key)) return `has an invalid label name "${key}" (letters, digits, . _ / -)`;
    if (typeof value !== 'string' || !LABEL_PATTERN.test(value))
      return `label ${key} must have a value of letters, digits, . _ / - (at most 63)`;
  }
  return undefined;
}

/** Whether a host's labels carry every label a placement asks for. */
export function hasLabels(host: Record<string, string>, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([key, value]) => host[key] === value);
}
