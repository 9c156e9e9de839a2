import { describeNeeding, type InfrastructurePart } from '@strato/test-infrastructure';
import type { CloudOptions } from './cloud-harness';

type Variant = Pick<CloudOptions, 'runtime' | 'lb'>;

/** Every story runs on the zero-install defaults, and on Docker + HAProxy where this machine has them. */
export const CLOUD_VARIANTS: readonly Variant[] = [
  { runtime: 'process', lb: 'embedded' },
  { runtime: 'docker', lb: 'haproxy' },
];

/** Nodes as Swarm services, behind HAProxy: the stories that say so run on it too. */
export const SWARM_VARIANT: Variant = { runtime: 'swarm', lb: 'haproxy' };

export function partsNeeded(variant: Variant): InfrastructurePart[] {
  return [
    ...(variant.runtime === 'docker' ? (['docker', 'nodeImage'] as const) : []),
    ...(variant.runtime === 'swarm' ? (['swarm'] as const) : []),
    ...(variant.lb === 'haproxy' ? (['haproxy'] as const) : []),
  ];
}

/**
 * One describe per variant, `$runtime` and `$lb` in the title naming it. A variant whose Docker or HAProxy
 * (or a part in `alsoNeeded`) is missing fails under CI=true and is otherwise listed as not run at the end of the jest run.
 */
export function describeEachCloud(
  title: string,
  body: (variant: Variant) => void,
  alsoNeeded: readonly InfrastructurePart[] = [],
  variants: readonly Variant[] = CLOUD_VARIANTS,
): void {
  for (const variant of variants) {
    const named = title.replace('$runtime', variant.runtime).replace('$lb', variant.lb);
    describeNeeding([...partsNeeded(variant), ...alsoNeeded])(named, () => body(variant));
  }
}
