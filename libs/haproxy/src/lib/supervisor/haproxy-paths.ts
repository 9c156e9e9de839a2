import { join, resolve } from 'node:path';

/** Every file the supervisor keeps in its work directory, as absolute paths (haproxy resolves relative ones against its cwd). */
export interface HaproxyPaths {
  workDir: string;
  config: string;
  pendingConfig: string;
  adminSocket: string;
  masterSocket: string;
  pidFile: string;
  serverState: string;
  log: string;
}

export function haproxyPaths(workDir: string): HaproxyPaths {
  const dir = resolve(workDir);
  return {
    workDir: dir,
    config: join(dir, 'haproxy.cfg'),
    pendingConfig: join(dir, 'haproxy.next.cfg'),
    adminSocket: join(dir, 'admin.sock'),
    masterSocket: join(dir, 'master.sock'),
    pidFile: join(dir, 'haproxy.pid'),
    serverState: join(dir, 'server-state'),
    log: join(dir, 'haproxy.log'),
  };
}
