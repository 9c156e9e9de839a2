import { appendFileSync } from 'node:fs';
import { type InfrastructurePart, PARTS } from './infrastructure-part';

/** Set by jest's global setup (src/jest/not-run-setup.cjs, in jest.preset.js) before it starts any worker. */
export const NOT_RUN_FILE_ENV = 'STRATO_NOT_RUN_FILE';

/** One line of the not-run file: a variant this machine could not run, and what it lacks. */
export interface NotRunEntry {
  title: string;
  testPath: string;
  missing: Array<{ part: InfrastructurePart; reason: string; detail: string; enable: string }>;
}

export function notRunEntry(
  title: string,
  testPath: string,
  missing: readonly InfrastructurePart[],
): NotRunEntry {
  return {
    title,
    testPath,
    missing: missing.map((part) => {
      const { reason, detail, enable } = PARTS[part];
      return { part, reason, detail, enable };
    }),
  };
}

/**
 * Appends the entry for jest's global teardown to list at the end of the run. Without the file (a jest
 * config that does not use jest.preset.js), says it on the console instead: never left out silently.
 */
export function logNotRun(entry: NotRunEntry, file = process.env[NOT_RUN_FILE_ENV]): void {
  // One small write with O_APPEND: lines from parallel workers do not interleave.
  if (file) return appendFileSync(file, `${JSON.stringify(entry)}\n`);
  const why = entry.missing.map((m) => `${m.reason}, ${m.detail} (to run it: ${m.enable})`).join('; ');
  console.warn(`not run: ${entry.title}: ${why}`);
}
