import { exitCodeForSignal, signalForExitCode } from './exit-status';

describe('exit status', () => {
  it.each([
    ['SIGKILL', 137],
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ])('%s is exit status %d, and back', (signal, code) => {
    expect(exitCodeForSignal(signal)).toBe(code);
    expect(signalForExitCode(code)).toBe(signal);
  });

  it.each([0, 1, 2, 125, 128])('exit status %d is no signal', (code) => {
    expect(signalForExitCode(code)).toBeNull();
  });

  it('knows no exit status for an unknown signal name', () => {
    expect(exitCodeForSignal('SIGNOPE')).toBeNull();
  });
});
