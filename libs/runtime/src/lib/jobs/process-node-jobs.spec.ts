import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeNodeJobContract } from '../../testing/node-job-contract';
import { JOB_BUNDLE, requireJobBundle, uniqueCloud } from '../../testing/workspace';
import { ProcessNodeRuntime } from '../process/process-node-runtime';

/** Live (not zombie) processes on this host whose argv holds the marker. */
async function hostProcessesWith(marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const [cmdline, stat] = await Promise.all([
      readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
      readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''),
    ]);
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (cmdline.includes(marker) && state !== 'Z' && pid !== String(process.pid)) {
      found.push(cmdline.replace(/\0/g, ' '));
    }
  }
  return found;
}

describeNodeJobContract('process', async () => {
  requireJobBundle();
  const stateDir = await mkdtemp(join(tmpdir(), 'strato-jobs-spec-'));
  const runtime = new ProcessNodeRuntime({
    cloud: uniqueCloud('pj'),
    jobServerPath: JOB_BUNDLE,
    stateDir,
    // python is looked for where it is not, to show the refusal on any host.
    interpreters: { python: ['/nonexistent/python3'] },
  });
  return {
    runtime,
    processesWith: (_nodeId, marker) => hostProcessesWith(marker),
    absentInterpreters: ['python'],
    presentInterpreter: 'sh',
    cleanup: async () => {
      await Promise.allSettled((await runtime.list()).map((node) => runtime.remove(node.nodeId)));
      await rm(stateDir, { recursive: true, force: true });
    },
  };
});
