import { constants } from 'node:os';

const SIGNAL_EXIT_BASE = 128;

/** The shell's exit status for a process killed by `signal` (SIGKILL → 137). */
export function exitCodeForSignal(signal: string): number | null {
  const number = (constants.signals as Record<string, number | undefined>)[signal];
  return number === undefined ? null : SIGNAL_EXIT_BASE + number;
}

/** The signal an exit status of 128 + n stands for, as init processes (tini, sh) report a child's death. */
export function signalForExitCode(exitCode: number): string | null {
  const number = exitCode - SIGNAL_EXIT_BASE;
  if (number <= 0) return null;
  const entry = Object.entries(constants.signals).find(([, value]) => value === number);
  return entry === undefined ? null : entry[0];
}
