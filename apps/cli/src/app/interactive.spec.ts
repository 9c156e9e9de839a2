import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { splitWords, startInteractive } from './interactive';

describe('interactive prompt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strato-repl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['node ls light', ['node', 'ls', 'light']],
    ['  pod   ls  ', ['pod', 'ls']],
    ['register "n 1" \'light\'', ['register', 'n 1', 'light']],
    ['', []],
  ])('splits %j', (line, words) => {
    expect(splitWords(line)).toEqual(words);
  });

  it('runs each line as a command, keeps the history, and stops at exit', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const ran: string[][] = [];
    const historyFile = join(dir, 'history');
    const done = startInteractive({ input, output, historyFile, run: async (argv) => (ran.push(argv), 0) });
    input.write('init\n\ncloud node ls light\nexit\n');
    await done;
    expect(ran).toEqual([['init'], ['node', 'ls', 'light']]);
    expect(readFileSync(historyFile, 'utf8')).toBe('init\ncloud node ls light\nexit\n');
  });

  it('runs piped commands without prompt or history and answers the code of the last failure', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => (printed += chunk));
    const codes: Record<string, number> = { bad: 1, wrong: 2 };
    const ran: string[] = [];
    const done = startInteractive({
      input,
      output,
      historyFile: null,
      run: async ([word]) => (ran.push(word), codes[word] ?? 0),
    });
    input.end('init\nwrong\nbad\nstatus\n');
    expect(await done).toBe(1);
    expect(ran).toEqual(['init', 'wrong', 'bad', 'status']);
    expect(printed).toBe('');
  });
});
