import { type InfrastructurePart, PARTS } from './infrastructure-part';
import { logNotRun, notRunEntry } from './not-run-log';
import { presentParts, type PresentParts } from './probe-infrastructure';

export type DescribeBlock = (title: string, body: () => void) => void;

/** Whether the variant runs, is listed as not run (outside CI), or fails naming what is missing (CI). */
export type VariantDecision =
  | { kind: 'run' }
  | { kind: 'not-run'; missing: InfrastructurePart[] }
  | { kind: 'fail'; missing: InfrastructurePart[] };

export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env['CI'] === 'true' || env['CI'] === '1';

export function decideVariant(
  needs: readonly InfrastructurePart[],
  present: PresentParts,
  ci: boolean,
): VariantDecision {
  const absent = needs.filter((part) => !present[part]);
  // Without an engine nobody can tell whether the image is there: name only the engine.
  const missing = absent.includes('docker') ? absent.filter((part) => part !== 'nodeImage') : absent;
  if (missing.length === 0) return { kind: 'run' };
  return { kind: ci ? 'fail' : 'not-run', missing };
}

export function missingMessage(title: string, missing: readonly InfrastructurePart[]): string {
  const lines = missing.map(
    (part) => `  ${PARTS[part].reason}: ${PARTS[part].detail}; to run it: ${PARTS[part].enable}`,
  );
  return [
    `"${title}" needs ${names(missing)} (CI=true runs every variant, nothing is skipped):`,
    ...lines,
  ].join('\n');
}

/**
 * A describe for a variant that needs Docker or HAProxy. With everything present it is a plain describe.
 * Otherwise, under CI=true, one test that fails naming the missing parts; elsewhere the block is skipped
 * and listed, with why and how to enable it, in the block printed after jest's summary (src/jest/).
 */
export function describeNeeding(needs: readonly InfrastructurePart[]): DescribeBlock {
  return (title, body) => {
    const decision = decideVariant(needs, presentParts(needs), inCi());
    if (decision.kind === 'run') return describe(title, body);
    if (decision.kind === 'fail') {
      return describe(title, () => {
        it(`has ${names(decision.missing)}`, () => {
          throw new Error(missingMessage(title, decision.missing));
        });
      });
    }
    logNotRun(notRunEntry(title, expect.getState().testPath ?? '', decision.missing));
    return describe.skip(title, body);
  };
}

function names(parts: readonly InfrastructurePart[]): string {
  const all = parts.map((part) => PARTS[part].name);
  return all.length < 2 ? all.join('') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}
