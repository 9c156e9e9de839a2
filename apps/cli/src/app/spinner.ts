import ora from 'ora';
import type { Output } from './output';

/**
 * Shows a spinner on a terminal while a long operation runs (launch, rm: health checks, drains);
 * elsewhere (scripts, CI, --json) prints the text once to stderr so stdout stays clean.
 */
export async function withSpinner<T>(
  output: Output,
  text: string,
  work: Promise<T>,
  json = false,
): Promise<T> {
  if (json) return work;
  if (!process.stderr.isTTY) {
    output.err(text);
    return work;
  }
  const spinner = ora({ text, stream: process.stderr }).start();
  try {
    const result = await work;
    spinner.stop();
    return result;
  } catch (error) {
    spinner.fail();
    throw error;
  }
}
