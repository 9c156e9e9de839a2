import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

const HISTORY_LINES = 500;

/** Splits a command line into words; single or double quotes keep spaces together. */
export function splitWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

export interface InteractiveOptions {
  input: Readable;
  output: Writable;
  /** null: commands piped in by a script, so no history is kept and no prompt is shown. */
  historyFile: string | null;
  run: (argv: string[]) => Promise<number>;
}

/**
 * The seeds' `cloud>` prompt: one command per line, history kept across sessions, `exit` to leave.
 * Resolves with the exit code of the last command that failed (0 if none did), so `cloud < script`
 * tells its caller whether everything worked.
 */
export function startInteractive(options: InteractiveOptions): Promise<number> {
  const { historyFile } = options;
  const history =
    historyFile && existsSync(historyFile)
      ? readFileSync(historyFile, 'utf8').split('\n').filter(Boolean).reverse()
      : [];
  const rl = createInterface({
    input: options.input,
    output: options.output,
    prompt: historyFile ? 'cloud> ' : '',
    history,
    historySize: HISTORY_LINES,
  });
  const save = (line: string) => {
    if (!historyFile) return;
    history.unshift(line);
    mkdirSync(dirname(historyFile), { recursive: true });
    writeFileSync(historyFile, `${history.slice(0, HISTORY_LINES).reverse().join('\n')}\n`, {
      mode: 0o600,
    });
  };
  if (historyFile)
    options.output.write('Strato cloud toolset: type a command (help lists them), exit to leave.\n');
  rl.prompt();
  let lastFailure = 0;
  return new Promise((resolve) => {
    let queue = Promise.resolve();
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        const words = splitWords(line.trim());
        if (words.length === 0) return rl.prompt();
        save(line.trim());
        if (words[0] === 'exit' || words[0] === 'quit') return rl.close();
        const code = await options.run(words[0] === 'cloud' ? words.slice(1) : words);
        if (code !== 0) lastFailure = code;
        rl.prompt();
      });
    });
    rl.on('close', () => void queue.then(() => resolve(lastFailure)));
  });
}
