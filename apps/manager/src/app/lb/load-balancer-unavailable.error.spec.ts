import { HaproxyReloadError, HaproxySocketError } from '@strato/haproxy';
import { LoadBalancerUnavailableError, unlessHaproxyFailed } from './load-balancer-unavailable.error';

describe('unlessHaproxyFailed', () => {
  it.each([
    new HaproxyReloadError('reload produced no new worker'),
    new HaproxySocketError('/run/admin.sock', 'show stat', new Error('ECONNREFUSED')),
  ])('turns %s into a LoadBalancerUnavailableError naming the operation', (error) => {
    const convert = () => unlessHaproxyFailed('change the algorithm of pod light')(error);
    expect(convert).toThrow(LoadBalancerUnavailableError);
    expect(convert).toThrow(/^the load balancer could not change the algorithm of pod light \(HAPROXY_/);
  });

  it('lets other errors through as they are', () => {
    const other = new RangeError('weight 300');
    expect(() => unlessHaproxyFailed('set a weight')(other)).toThrow(other);
  });
});
