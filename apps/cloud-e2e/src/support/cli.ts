import { execFile, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { WORKSPACE } from './paths';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `cloud` binary (bin/cloud) as a user would. */
export function cloud(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      resolve(WORKSPACE, 'bin/cloud'),
      args,
      { env: { ...process.env, ...env }, cwd: WORKSPACE, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

export interface CliSessionOptions {
  /** Lines typed into its standard input, which is then closed. */
  input?: string[];
  /** Interrupt it as Ctrl-C would once its output matches. */
  interruptWhen?: RegExp;
}

/** Runs `cloud` as a spawned process: with typed input (the prompt), or until its output matches. */
export function cloudSession(
  args: string[],
  env: Record<string, string>,
  options: CliSessionOptions,
): Promise<CliResult & { interrupted: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(resolve(WORKSPACE, 'bin/cloud'), args, {
      env: { ...process.env, ...env },
      cwd: WORKSPACE,
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!interrupted && options.interruptWhen?.test(stdout)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? (signal === 'SIGINT' ? 130 : 1), stdout, stderr, interrupted });
    });
    child.stdin.end((options.input ?? []).map((line) => `${line}\n`).join(''));
  });
}
