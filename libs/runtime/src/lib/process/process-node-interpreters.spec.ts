import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InterpreterPaths } from './resolve-interpreter';
import { ProcessNodeRuntime } from './process-node-runtime';

describe('ProcessNodeRuntime: interpreters on this host', () => {
  let dir: string;
  let executable: string;
  let notExecutable: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strato-interpreters-spec-'));
    executable = join(dir, 'sh');
    notExecutable = join(dir, 'python3');
    await writeFile(executable, '', { mode: 0o755 });
    await writeFile(notExecutable, '', { mode: 0o644 });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const runtimeWith = (interpreters: InterpreterPaths): ProcessNodeRuntime =>
    new ProcessNodeRuntime({
      cloud: 'interp',
      jobServerPath: join(dir, 'server.js'),
      stateDir: join(dir, 'state'),
      cgroups: false,
      interpreters,
    });

  it('lists node, its own binary, and leaves out a python that is where it is looked for not', async () => {
    const runtime = runtimeWith({ sh: [executable], python: ['/nonexistent/python3'] });
    expect(await runtime.interpreters()).toEqual(['sh', 'node']);
  });

  it('leaves out a candidate that is there but not executable, and takes a later one that is', async () => {
    expect(
      await runtimeWith({ sh: [notExecutable], python: ['/nonexistent/python3'] }).interpreters(),
    ).toEqual(['node']);
    expect(await runtimeWith({ sh: [], python: [notExecutable, executable] }).interpreters()).toEqual([
      'node',
      'python',
    ]);
  });

  it('honours an override of node itself', async () => {
    const runtime = runtimeWith({ sh: [], node: ['/nonexistent/node'], python: [executable] });
    expect(await runtime.interpreters()).toEqual(['python']);
  });
});
