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

/** Runs `cloud` with no arguments (the interactive prompt) and types the given lines into it. */
export function cloudInteractive(lines: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(resolve(WORKSPACE, 'bin/cloud'), [], {
      env: { ...process.env, ...env },
      cwd: WORKSPACE,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? 1, stdout, stderr });
    });
    child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  });
}

/** Runs a long-lived `cloud` command until its output matches, then interrupts it as Ctrl-C would. */
export function cloudUntil(
  args: string[],
  env: Record<string, string>,
  until: RegExp,
): Promise<CliResult & { matched: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(resolve(WORKSPACE, 'bin/cloud'), args, {
      env: { ...process.env, ...env },
      cwd: WORKSPACE,
    });
    let stdout = '';
    let stderr = '';
    let matched = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!matched && until.test(stdout)) {
        matched = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? (signal === 'SIGINT' ? 130 : 1), stdout, stderr, matched });
    });
  });
}
