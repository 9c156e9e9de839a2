import { findHaproxyBinary } from '@strato/haproxy';
import { EmbeddedLoadBalancer } from '../embedded-load-balancer';
import { HaproxyLoadBalancer } from '../haproxy-load-balancer';
import type { BalancedPod, BalancedServer, LoadBalancer } from '../load-balancer';
import type { TestNode } from './lb-test-fixtures';

export const haproxyBinary = findHaproxyBinary();
if (haproxyBinary === null && process.env['CI'] === 'true')
  throw new Error('haproxy binary not found: required when CI=true');
if (haproxyBinary === null)
  console.warn('haproxy binary not found: the contract suite runs against the embedded balancer only');

export type LoadBalancerFactory = (port: number, workDir: string) => LoadBalancer;

/** Every adapter the contract suites run against: embedded always, haproxy when installed. */
export const contractAdapters: Array<[string, LoadBalancerFactory]> = [
  ['embedded', (port) => new EmbeddedLoadBalancer({ host: '127.0.0.1', port })],
  ...(haproxyBinary === null
    ? []
    : [['haproxy', haproxyFactory(haproxyBinary)] as [string, LoadBalancerFactory]]),
];

function haproxyFactory(binary: string): LoadBalancerFactory {
  return (port, workDir) => new HaproxyLoadBalancer({ binary, workDir, host: '127.0.0.1', port });
}

export const pod = (name: string, paused = false): BalancedPod => ({ name, algorithm: 'roundrobin', paused });

export const serverFor = (node: TestNode, weight = 1): BalancedServer => ({
  nodeId: node.name,
  host: '127.0.0.1',
  port: node.port,
  weight,
});

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
