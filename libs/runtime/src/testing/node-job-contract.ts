import { type BatchJobSpec, SCRIPT_INTERPRETERS } from '@strato/contracts';
import { randomBytes } from 'node:crypto';
import { InterpreterUnavailableError } from '../lib/errors/interpreter-unavailable.error';
import { NodeNotRunningError } from '../lib/errors/node-not-running.error';
import type { NodeJobHandle, NodeJobSpec } from '../lib/jobs/node-job';
import type { NodeRuntime } from '../lib/node-runtime';
import { eventually, freePort, waitForHealth } from './net-probes';

export interface NodeJobSubject {
  runtime: NodeRuntime;
  /** The command lines of processes of the node that contain `marker` (the node's container, or this host). */
  processesWith(nodeId: string, marker: string): Promise<string[]>;
  /** Interpreters this node lacks, and one it has besides node. */
  absentInterpreters: Array<'sh' | 'python'>;
  presentInterpreter?: 'sh' | 'python';
  cleanup(): Promise<void>;
}

interface Captured {
  handle: NodeJobHandle;
  stdout: () => string;
  stderr: () => string;
}

const script = (
  source: string,
  args: string[] = [],
  interpreter: 'node' | 'sh' | 'python' = 'node',
): BatchJobSpec => ({
  kind: 'script',
  interpreter,
  source,
  args,
  env: {},
});

// A node script that starts two grandchildren, one in a session of its own (out of the job's process group),
// and all wait forever; all carry the marker in their argv.
const TREE_SCRIPT = `
const cp = require('child_process');
const forever = ['-e', 'setInterval(() => {}, 1000)', process.argv[2]];
cp.spawn(process.execPath, forever, { stdio: 'ignore' });
cp.spawn(process.execPath, forever, { stdio: 'ignore', detached: true }).unref();
console.log('tree started');
setInterval(() => {}, 1000);
`;

// Exits at once, leaving two grandchildren behind: one in its process group, one in a session of its own.
const LEAVE_BEHIND_SCRIPT = `
const cp = require('child_process');
const forever = ['-e', 'setInterval(() => {}, 1000)', process.argv[2]];
cp.spawn(process.execPath, forever, { stdio: 'ignore' }).unref();
cp.spawn(process.execPath, forever, { stdio: 'ignore', detached: true }).unref();
console.log('left one behind');
`;

/** What every runtime's runJob must do, on a real node of that runtime. */
export function describeNodeJobContract(
  name: string,
  subjectFor: () => Promise<NodeJobSubject>,
  describeBlock: (title: string, body: () => void) => void = describe,
): void {
  describeBlock(`${name} runtime: batch jobs inside a node`, () => {
    let subject: NodeJobSubject;
    const nodeId = 'jobs';

    beforeAll(async () => {
      subject = await subjectFor();
      const port = await freePort();
      await subject.runtime.create({ nodeId, incarnation: 1, pod: 'light', port, cpus: 0.5, memoryMiB: 200 });
      await subject.runtime.start(nodeId);
      await waitForHealth(port);
    }, 120_000);

    afterAll(async () => {
      await subject?.cleanup();
    }, 60_000);

    const run = async (job: BatchJobSpec, env: Record<string, string> = {}): Promise<Captured> => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const spec: NodeJobSpec = { attemptId: `a-${randomBytes(4).toString('hex')}`, nodeId, job, env };
      const handle = await subject.runtime.runJob(spec, {
        stdout: (chunk) => out.push(chunk),
        stderr: (chunk) => err.push(chunk),
      });
      return {
        handle,
        stdout: () => Buffer.concat(out).toString('utf8'),
        stderr: () => Buffer.concat(err).toString('utf8'),
      };
    };

    it('runs a catalogue workload with the node image’s own job server and captures what it printed', async () => {
      const job = await run({ kind: 'workload', workload: 'light', params: { scale: 0.2 } });
      expect(await job.handle.exited).toEqual({ exitCode: 0, signal: null, oomKilled: false });
      expect(JSON.parse(job.stdout())).toMatchObject({ workload: 'light', scale: 0.2 });
    }, 30_000);

    it('keeps stdout and stderr apart, passes args and env, and reports the exit code', async () => {
      const job = await run(
        script(
          "console.log('out', process.argv[2], process.env.STRATO_JOB_ATTEMPT); console.error('err'); process.exit(3);",
          ['first-arg'],
        ),
        { STRATO_JOB_ATTEMPT: '2', STRATO_JOB_ID: 'job-1', STRATO_JOB_INDEX: '0' },
      );
      expect(await job.handle.exited).toEqual({ exitCode: 3, signal: null, oomKilled: false });
      expect(job.stdout()).toBe('out first-arg 2\n');
      expect(job.stderr()).toBe('err\n');
    }, 30_000);

    it('runs a script of 200 KiB (longer than one argument may be)', async () => {
      const padding = `// ${'x'.repeat(200 * 1024)}\n`;
      const job = await run(script(`${padding}console.log('big ok');`));
      expect((await job.handle.exited).exitCode).toBe(0);
      expect(job.stdout()).toBe('big ok\n');
    }, 30_000);

    it('kills the whole process tree, leaving no process behind, and is idempotent', async () => {
      const marker = `tree-${randomBytes(4).toString('hex')}`;
      const job = await run(script(TREE_SCRIPT, [marker]));
      expect(await eventually(async () => job.stdout().includes('tree started'), 10_000)).toBe(true);
      const all = async () => (await subject.processesWith(nodeId, marker)).length === 3;
      expect(await eventually(all, 10_000)).toBe(true);
      const [first, second] = await Promise.all([job.handle.kill(500), job.handle.kill(500)]);
      expect(first).toEqual(second);
      // Ended by the kill: SIGTERM (or SIGKILL after the grace), as a signal or as the shell's 128 + n.
      const byKill =
        ['SIGTERM', 'SIGKILL'].includes(first.signal ?? '') || [143, 137].includes(first.exitCode ?? 0);
      expect({ ...first, byKill }).toMatchObject({ byKill: true });
      expect(await subject.processesWith(nodeId, marker)).toEqual([]);
    }, 30_000);

    it('ends the attempts found on its nodes at a start (an earlier agent left them), all their processes', async () => {
      const marker = `leftover-${randomBytes(4).toString('hex')}`;
      const job = await run(script(TREE_SCRIPT, [marker]));
      const all = async () => (await subject.processesWith(nodeId, marker)).length === 3;
      expect(await eventually(all, 10_000)).toBe(true);
      expect(await subject.runtime.endLeftoverJobs()).toEqual([job.handle.attemptId]);
      expect(await subject.processesWith(nodeId, marker)).toEqual([]);
      await job.handle.exited;
      expect(await subject.runtime.endLeftoverJobs()).toEqual([]);
    }, 30_000);

    it('kills what a job left behind once it exits, in its process group or out of it', async () => {
      const marker = `left-${randomBytes(4).toString('hex')}`;
      const job = await run(script(LEAVE_BEHIND_SCRIPT, [marker]));
      expect((await job.handle.exited).exitCode).toBe(0);
      expect(await subject.processesWith(nodeId, marker)).toEqual([]);
    }, 30_000);

    it('refuses a script whose interpreter the node lacks, saying which', async () => {
      for (const interpreter of subject.absentInterpreters) {
        await expect(run(script('echo hi', [], interpreter))).rejects.toThrow(InterpreterUnavailableError);
        await expect(run(script('echo hi', [], interpreter))).rejects.toThrow(
          `no ${interpreter} interpreter`,
        );
      }
    }, 30_000);

    it('says which interpreters its nodes have: all but the ones runJob refuses', async () => {
      expect(await subject.runtime.interpreters()).toEqual(
        SCRIPT_INTERPRETERS.filter(
          (interpreter) => !subject.absentInterpreters.some((a) => a === interpreter),
        ),
      );
    });

    it('runs a script with an interpreter the node has', async () => {
      if (subject.presentInterpreter === undefined) return;
      const source =
        subject.presentInterpreter === 'sh' ? 'echo "sh $1"' : 'import sys; print("py", sys.argv[1])';
      const job = await run(script(source, ['arg'], subject.presentInterpreter));
      expect((await job.handle.exited).exitCode).toBe(0);
      expect(job.stdout()).toBe(`${subject.presentInterpreter === 'sh' ? 'sh' : 'py'} arg\n`);
    }, 30_000);

    it('refuses a job on a node that does not run', async () => {
      await subject.runtime.create({
        nodeId: 'stopped',
        incarnation: 1,
        pod: 'light',
        port: await freePort(),
        cpus: 0.3,
        memoryMiB: 100,
      });
      await expect(
        subject.runtime.runJob(
          { attemptId: 'a-stopped', nodeId: 'stopped', job: script('1'), env: {} },
          { stdout: () => undefined, stderr: () => undefined },
        ),
      ).rejects.toThrow(NodeNotRunningError);
    }, 30_000);
  });
}
