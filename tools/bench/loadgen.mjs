#!/usr/bin/env node
// Benchmark: the load generator itself (libs/loadgen, what `cloud simulate` runs) against a trivial HTTP
// server in another process on 127.0.0.1: Poisson 1,000 then 5,000 req/s for 10 s each in one process, 5,000 for
// 10 s in a new (cold) generator process (with and without its warm-up), then 5 s steps from 2,000 to 20,000 until one is not held (within 1 %,
// nothing dropped or failed, send lag p99 <= 10 ms). Each row says how much CPU other processes took meanwhile.
// Usage: node tools/bench/loadgen.mjs   (BENCH_SECONDS=10)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'strato-bench-loadgen-'));
try {
  const bundle = join(dir, 'loadgen-bench.js');
  execFileSync(
    join(root, 'node_modules/.bin/esbuild'),
    [
      join(root, 'tools/bench/loadgen-entry.ts'),
      '--bundle',
      '--platform=node',
      `--tsconfig=${join(root, 'tsconfig.base.json')}`,
      `--outfile=${bundle}`,
      '--log-level=warning',
    ],
    { stdio: 'inherit' },
  );
  execFileSync(process.execPath, [bundle], { stdio: 'inherit' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
