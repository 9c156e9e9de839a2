import { parseWorkloadArgs } from './run-workload-cli';

describe('parseWorkloadArgs', () => {
  it.each([
    [['--strato-node=c/n1'], undefined],
    [['--run-workload', 'heavy', '--scale', '0.5'], { kind: 'compute', job: 'heavy', scale: 0.5 }],
    [['--run-workload', 'light'], { kind: 'compute', job: 'light', scale: 1 }],
    [['--run-workload', 'sleep', '--seconds', '2'], { kind: 'sleep', seconds: 2 }],
  ])('reads %j as %j', (argv, expected) => {
    expect(parseWorkloadArgs(argv)).toEqual(expected);
  });

  it.each([
    [['--run-workload', 'nope']],
    [['--run-workload', 'heavy', '--scale', 'x']],
    [['--run-workload', 'sleep', '--seconds', '-1']],
  ])('refuses %j', (argv) => {
    expect(() => parseWorkloadArgs(argv)).toThrow(RangeError);
  });
});
