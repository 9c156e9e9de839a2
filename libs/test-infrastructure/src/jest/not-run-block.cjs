// @ts-check
// The block of test variants this machine could not run, printed at the very end of a jest run. Variants
// that need Docker or HAProxy and find them missing append a line to a file (lib/not-run-log.ts); the
// global setup names that file for the workers, the global teardown (which jest runs after the summary)
// prints the block. Plain CommonJS: jest loads these before anything is transformed.
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');

const NOT_RUN_FILE_ENV = 'STRATO_NOT_RUN_FILE';

/**
 * @typedef {{ part: string, reason: string, detail: string, enable: string }} Missing
 * @typedef {{ title: string, testPath: string, missing: Missing[] }} NotRunEntry
 */

/** @param {NotRunEntry[]} entries @param {string} rootDir @returns {string} empty when every variant ran */
function formatNotRun(entries, rootDir) {
  const variants = new Map(entries.map((e) => [`${e.testPath}\0${e.title}`, e]));
  if (variants.size === 0) return '';
  const remedies = new Map();
  const lines = [
    `Not run on this machine: ${variants.size} test variant(s) need Docker or HAProxy (CI=true fails them instead of skipping)`,
  ];
  for (const entry of [...variants.values()].sort((a, b) => a.testPath.localeCompare(b.testPath))) {
    const path = entry.testPath ? relative(rootDir, entry.testPath) : '?';
    lines.push(`  ○ ${entry.title}  (${path}; ${entry.missing.map((m) => m.reason).join(', ')})`);
    for (const missing of entry.missing) remedies.set(missing.part, missing);
  }
  lines.push('Why, and how to run them:');
  for (const { reason, detail, enable } of remedies.values())
    lines.push(`  ${reason}: ${detail}`, `    → ${enable}`);
  return `${lines.join('\n')}\n`;
}

/** @param {string} file @returns {NotRunEntry[]} */
function readNotRun(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** Global setup: a fresh file for this run, named in the environment the workers inherit. */
function startNotRunLog(env = process.env) {
  const file = join(tmpdir(), `strato-not-run-${process.pid}-${Date.now()}.jsonl`);
  env[NOT_RUN_FILE_ENV] = file;
  return file;
}

/**
 * Global teardown: the block, then the file goes.
 * @param {string} rootDir @param {string | undefined} file @param {(text: string) => void} write
 */
function printNotRun(rootDir, file, write = (text) => process.stderr.write(text)) {
  if (!file) return;
  const text = formatNotRun(readNotRun(file), rootDir);
  if (text) write(`\n${text}`);
  rmSync(file, { force: true });
}

module.exports = { NOT_RUN_FILE_ENV, formatNotRun, printNotRun, readNotRun, startNotRunLog };
