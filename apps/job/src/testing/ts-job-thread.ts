import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

/**
 * A real job thread for tests, running the TypeScript sources through ts-node (the built bundle uses
 * itself as the thread's script; under jest there is no bundle).
 */
export function spawnTsJobThread(): Worker {
  const entry = join(__dirname, 'job-thread-entry.ts');
  const code = `
    require('ts-node').register({ transpileOnly: true, skipProject: true, compilerOptions: { module: 'commonjs' } });
    require(${JSON.stringify(entry)});
  `;
  return new Worker(code, { eval: true });
}
