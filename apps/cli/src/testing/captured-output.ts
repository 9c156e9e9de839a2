import type { Output } from '../app/output';

/** An Output that keeps what a command printed, line by line, for a spec to read. */
export interface CapturedOutput extends Output {
  stdout: string[];
  stderr: string[];
}

export function captureOutput(): CapturedOutput {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}
