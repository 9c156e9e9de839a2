// Joins every cgroup given as an argument before exec, so the job server never runs a moment outside its caps.
const JOIN_THEN_EXEC =
  'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1/cgroup.procs" || exit 125; shift; n=$((n - 1)); done; exec "$@"';

/** The argv that writes its own pid into each group's cgroup.procs, then execs `argv` (keeping the pid). */
export function joinThenExec(groups: readonly string[], argv: readonly string[]): string[] {
  const unique = [...new Set(groups)];
  return ['/bin/sh', '-c', JOIN_THEN_EXEC, 'strato-join', String(unique.length), ...unique, ...argv];
}

/** CFS bandwidth period, the same for v1 (cpu.cfs_period_us) and v2 (cpu.max). */
export const CFS_PERIOD_US = 100_000;
// The kernel refuses quotas under 1 ms.
const MIN_CFS_QUOTA_US = 1_000;

export function cfsQuotaMicros(cpus: number): number {
  return Math.max(MIN_CFS_QUOTA_US, Math.round(cpus * CFS_PERIOD_US));
}
