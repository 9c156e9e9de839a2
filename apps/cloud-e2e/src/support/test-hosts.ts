import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * Test hosts on one machine: a control host and N workers, each a Linux network namespace, the control
 * host joined to each worker by its own veth pair and to this (root) namespace by one more. Every address
 * is from 198.18.0.0/15, the range reserved for benchmarks: the test reaches the control host at
 * 198.18.0.2, the control host reaches worker i at 198.18.i.2 and worker i the control host at 198.18.i.1.
 * The control host forwards between its links, so the test reaches the workers through it (their agents,
 * for the convergence check) and a cut link cuts a worker off from everyone. Made and removed by the test
 * itself; nothing here routes anywhere but 198.18.0.0/15.
 */
export interface TestHosts {
  /** The control host's address as the test (root namespace) reaches it. */
  controlAddress: string;
  workers: WorkerHost[];
  /** Spawns argv inside the control host's namespace. */
  spawnOnControl(argv: string[], options: SpawnOptions): ChildProcess;
  /** Kills every process still in the namespaces (all started by this test), then removes them and the links. */
  remove(): void;
}

export interface WorkerHost {
  name: string;
  /** The worker's own address: its agent and its nodes listen there. */
  address: string;
  /** The control host's address on the worker's link: where the worker reaches the manager. */
  controlAddress: string;
  spawn(argv: string[], options: SpawnOptions): ChildProcess;
  /** Takes the worker's link down on the control side: the host is cut off, its processes keep running. */
  cut(): void;
  restore(): void;
}

const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', timeout: 10_000 });

export function createTestHosts(workerCount: number): TestHosts {
  if (workerCount < 1 || workerCount > 200) throw new Error('between 1 and 200 workers');
  const id = randomBytes(2).toString('hex');
  const control = `strato-c-${id}`;
  const namespaces = [control];
  const links: string[] = []; // root-side or control-side ends: deleting one end removes the pair
  const inNs = (ns: string, ...args: string[]) => ip('netns', 'exec', ns, 'ip', ...args);
  try {
    ip('netns', 'add', control);
    inNs(control, 'link', 'set', 'lo', 'up');
    // root <-> control: interface names at most 15 characters.
    const rootEnd = `sr${id}`;
    ip('link', 'add', rootEnd, 'type', 'veth', 'peer', 'name', `sc${id}`);
    links.push(rootEnd);
    ip('link', 'set', `sc${id}`, 'netns', control);
    ip('addr', 'add', '198.18.0.1/30', 'dev', rootEnd);
    ip('link', 'set', rootEnd, 'up');
    inNs(control, 'addr', 'add', '198.18.0.2/30', 'dev', `sc${id}`);
    inNs(control, 'link', 'set', `sc${id}`, 'up');
    ip('netns', 'exec', control, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward');
    // Goes with the link when it is deleted.
    ip('route', 'add', '198.18.0.0/15', 'via', '198.18.0.2', 'dev', rootEnd);

    const workers: WorkerHost[] = [];
    for (let i = 1; i <= workerCount; i++) {
      const ns = `strato-w${i}-${id}`;
      const controlEnd = `c${i}${id}`;
      const workerEnd = `w${i}${id}`;
      ip('netns', 'add', ns);
      namespaces.push(ns);
      inNs(ns, 'link', 'set', 'lo', 'up');
      ip('link', 'add', controlEnd, 'type', 'veth', 'peer', 'name', workerEnd);
      ip('link', 'set', controlEnd, 'netns', control);
      ip('link', 'set', workerEnd, 'netns', ns);
      inNs(control, 'addr', 'add', `198.18.${i}.1/24`, 'dev', controlEnd);
      inNs(control, 'link', 'set', controlEnd, 'up');
      inNs(ns, 'addr', 'add', `198.18.${i}.2/24`, 'dev', workerEnd);
      inNs(ns, 'link', 'set', workerEnd, 'up');
      inNs(ns, 'route', 'add', '198.18.0.0/15', 'via', `198.18.${i}.1`, 'dev', workerEnd);
      workers.push({
        name: `w${i}`,
        address: `198.18.${i}.2`,
        controlAddress: `198.18.${i}.1`,
        spawn: (argv, options) => spawnIn(ns, argv, options),
        cut: () => inNs(control, 'link', 'set', controlEnd, 'down'),
        restore: () => inNs(control, 'link', 'set', controlEnd, 'up'),
      });
    }
    return {
      controlAddress: '198.18.0.2',
      workers,
      spawnOnControl: (argv, options) => spawnIn(control, argv, options),
      remove: () => removeAll(namespaces, links),
    };
  } catch (error) {
    removeAll(namespaces, links);
    throw error;
  }
}

function spawnIn(ns: string, argv: string[], options: SpawnOptions): ChildProcess {
  return spawn('ip', ['netns', 'exec', ns, ...argv], options);
}

function removeAll(namespaces: string[], links: string[]): void {
  for (const ns of namespaces) {
    for (const pid of pidsIn(ns)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
  for (const link of links) {
    try {
      ip('link', 'del', link);
    } catch {
      // went with its namespace
    }
  }
  for (const ns of namespaces) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // never made
    }
  }
}

function pidsIn(ns: string): number[] {
  try {
    return ip('netns', 'pids', ns)
      .split('\n')
      .map(Number)
      .filter((pid) => Number.isInteger(pid) && pid > 0);
  } catch {
    return [];
  }
}
