import { execFile } from 'node:child_process';
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
