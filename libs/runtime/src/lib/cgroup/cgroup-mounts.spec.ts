import {
  cgroupDirs,
  parseCgroup2Mount,
  parseCgroupMounts,
  parseProcCgroup,
  parseProcCgroupV2,
} from './cgroup-mounts';

const SEPARATE = `tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0
cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
cgroup /sys/fs/cgroup/freezer cgroup rw,relatime,freezer 0 0
cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0
cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0`;

const COMBINED = `cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,cpu,cpuacct 0 0
cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0
cgroup /sys/fs/cgroup/my\\040freezer cgroup rw,freezer 0 0`;

describe('cgroup mounts', () => {
  it('finds each v1 controller on its own mount, ignoring cgroup2 and named hierarchies', () => {
    expect(parseCgroupMounts(SEPARATE)).toEqual({
      cpu: '/sys/fs/cgroup/cpu',
      cpuacct: '/sys/fs/cgroup/cpuacct',
      memory: '/sys/fs/cgroup/memory',
      freezer: '/sys/fs/cgroup/freezer',
    });
  });

  it('finds controllers that share a mount, and unescapes octal escapes', () => {
    expect(parseCgroupMounts(COMBINED)).toEqual({
      cpu: '/sys/fs/cgroup/cpu,cpuacct',
      cpuacct: '/sys/fs/cgroup/cpu,cpuacct',
      memory: '/sys/fs/cgroup/memory',
      freezer: '/sys/fs/cgroup/my freezer',
    });
  });

  it('finds nothing on a cgroup v2 only host', () => {
    expect(parseCgroupMounts('cgroup2 /sys/fs/cgroup cgroup2 rw 0 0')).toEqual({});
  });

  it('builds a group directory per controller, or none if a controller is missing', () => {
    expect(cgroupDirs(parseCgroupMounts(SEPARATE), 'strato/c1/n1')).toEqual({
      memory: '/sys/fs/cgroup/memory/strato/c1/n1',
      cpu: '/sys/fs/cgroup/cpu/strato/c1/n1',
      cpuacct: '/sys/fs/cgroup/cpuacct/strato/c1/n1',
      freezer: '/sys/fs/cgroup/freezer/strato/c1/n1',
    });
    expect(cgroupDirs({ memory: '/m' }, 'x')).toBeUndefined();
  });

  it('reads a process cgroup paths from /proc/<pid>/cgroup', () => {
    const text =
      '9:name=systemd:/docker/abc\n4:memory:/docker/abc\n2:cpu,cpuacct:/docker/abc\n0::/docker/abc\n';
    expect(parseProcCgroup(text)).toEqual({
      memory: '/docker/abc',
      cpu: '/docker/abc',
      cpuacct: '/docker/abc',
    });
  });

  it('finds the cgroup2 mount on a hybrid host and on a v2-only host', () => {
    expect(parseCgroup2Mount(SEPARATE)).toBe('/sys/fs/cgroup/unified');
    expect(parseCgroup2Mount('cgroup2 /sys/fs/cgroup cgroup2 rw,nsdelegate 0 0\n')).toBe('/sys/fs/cgroup');
    expect(parseCgroup2Mount(COMBINED)).toBeUndefined();
  });

  it('reads a process cgroup v2 path from the "0::" line', () => {
    expect(parseProcCgroupV2('0::/system.slice/strato-agent.service\n')).toBe(
      '/system.slice/strato-agent.service',
    );
    expect(parseProcCgroupV2('4:memory:/x\n0::/\n')).toBe('/');
    expect(parseProcCgroupV2('4:memory:/x\n')).toBeUndefined();
  });
});
