import { execFile } from 'node:child_process';
import { HaproxyConfigInvalidError, HaproxyProcessError } from '../errors';

/** Runs `haproxy -c -f <file>`; exit 0 (warnings allowed) or a HaproxyConfigInvalidError with its ALERTs. */
export function validateConfigFile(binary: string, configPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['-c', '-f', configPath], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (!error) return resolve();
      // A string code (ENOENT, EACCES) means haproxy never ran; a number is its exit status.
      if (typeof error.code === 'string') {
        return reject(new HaproxyProcessError(`cannot run ${binary}: ${error.message}`));
      }
      const output = `${stdout}${stderr}`;
      const alerts = output.split('\n').filter((line) => line.includes('[ALERT]'));
      reject(
        new HaproxyConfigInvalidError(
          configPath,
          alerts.length > 0 ? alerts.join('\n') : output || error.message,
        ),
      );
    });
  });
}
