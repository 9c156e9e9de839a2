import { CommandFailedError } from '../../exit-codes';
import { parsePolicy } from './elasticity-policies';

describe('parsePolicy', () => {
  it('knows the presets by name', () => {
    expect(parsePolicy('cpu')).toEqual({
      name: 'cpu',
      fields: { kind: 'threshold', metric: 'cpu', lower: 20, upper: 70 },
    });
    // requests per node is set from the measured capacity, so the preset carries a share of it.
    expect(parsePolicy('rps')).toMatchObject({ targetOfCapacity: 0.7 });
  });

  it('reads a named policy of fields', () => {
    expect(parsePolicy('fast:kind=threshold,metric=cpu,upper=60,scaleOutCooldownMs=1000')).toEqual({
      name: 'fast',
      fields: { kind: 'threshold', metric: 'cpu', upper: 60, scaleOutCooldownMs: 1000 },
    });
  });

  it.each([
    ['magic', 'unknown policy "magic"'],
    ['x:metric=cpu', 'say its kind'],
    ['x:kind=greedy', 'kind is threshold or target-tracking'],
    ['x:kind=threshold,metric=gpu', 'metric is one of'],
    ['x:kind=threshold,upper=high', 'upper must be a number'],
    ['x:kind=threshold,upper=', 'upper must be a number'],
    ['x:kind=threshold,speed=9', 'unknown field "speed"'],
    ['bad name!:kind=threshold', 'name it with letters'],
  ])('refuses %s, saying why, as a usage error', (spec, message) => {
    expect(() => parsePolicy(spec)).toThrow(CommandFailedError);
    expect(() => parsePolicy(spec)).toThrow(message);
  });
});
