import { findHaproxyBinary } from '@strato/haproxy';
import { describeNeeding } from '@strato/test-infrastructure';
import { EmbeddedLoadBalancer } from '../embedded-load-balancer';
import { HaproxyLoadBalancer } from '../haproxy-load-balancer';
import type { BalancedPod, BalancedServer, LoadBalancer } from '../load-balancer';
import type { TestNode } from './lb-test-fixtures';

export const haproxyBinary = findHaproxyBinary();

/** Without the binary: listed as not run at the end of the jest run, or failed under CI=true. */
export const describeIfHaproxy = describeNeeding(['haproxy']);

export type LoadBalancerFactory = (port: number, workDir: string) => LoadBalancer;

/** A contract suite against every adapter: embedded always, haproxy where it is installed. */
export function describeEachAdapter(
  title: string,
  body: (kind: 'embedded' | 'haproxy', create: LoadBalancerFactory) => void,
): void {
  describe(`${title}: embedded`, () =>
    body('embedded', (port) => new EmbeddedLoadBalancer({ host: '127.0.0.1', port })));
  const binary = haproxyBinary ?? 'haproxy';
  describeIfHaproxy(`${title}: haproxy`, () =>
    body('haproxy', (port, workDir) => new HaproxyLoadBalancer({ binary, workDir, host: '127.0.0.1', port })),
  );
}

/** Test nodes answer their name whatever the job; the contract checks that the headers reach them. */
export const LIGHT_JOB = { kind: 'light', scale: 1 } as const;

export const pod = (name: string, paused = false): BalancedPod => ({
  name,
  algorithm: 'roundrobin',
  paused,
  job: LIGHT_JOB,
  queuePerNode: 1000,
});

/** `maxConnections` 0: no limit, as HAProxy's maxconn 0. */
export const serverFor = (node: TestNode, weight = 1, maxConnections = 0): BalancedServer => ({
  nodeId: node.name,
  host: '127.0.0.1',
  port: node.port,
  weight,
  maxConnections,
});

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
