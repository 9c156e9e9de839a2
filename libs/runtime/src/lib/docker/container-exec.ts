import type Docker from 'dockerode';
import { Writable } from 'node:stream';
import type { NodeJobOutput } from '../jobs/node-job';

const sinkOf = (write: (chunk: Buffer) => void): Writable =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      write(chunk);
      done();
    },
  });

/**
 * Starts `cmd` in the running container and returns once the engine has started it; `ended` settles when
 * its output stream ends (the process exited and its stdout/stderr closed), with the exec's exit code.
 */
export async function startExec(
  docker: Docker,
  container: Docker.Container,
  cmd: string[],
  env: Record<string, string>,
  output: NodeJobOutput,
): Promise<{ ended: Promise<number | null> }> {
  const exec = await container.exec({
    Cmd: cmd,
    Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
    AttachStdout: true,
    AttachStderr: true,
    WorkingDir: '/tmp',
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  docker.modem.demuxStream(stream, sinkOf(output.stdout), sinkOf(output.stderr));
  const ended = new Promise<number | null>((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      exec.inspect().then(
        (info) => resolve(info.ExitCode ?? null),
        () => resolve(null),
      );
    };
    stream.once('end', finish);
    stream.once('close', finish);
    stream.once('error', finish);
  });
  return { ended };
}

/** Runs a short command in the container to its end: its stdout as text, and its exit code. */
export async function runExec(
  docker: Docker,
  container: Docker.Container,
  cmd: string[],
): Promise<{ stdout: string; stderr: string; exitCode: number | null }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const { ended } = await startExec(
    docker,
    container,
    cmd,
    {},
    {
      stdout: (chunk) => out.push(chunk),
      stderr: (chunk) => err.push(chunk),
    },
  );
  const exitCode = await ended;
  return {
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    exitCode,
  };
}
