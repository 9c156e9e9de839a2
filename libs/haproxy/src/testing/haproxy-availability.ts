import { type DescribeBlock, describeNeeding } from '@strato/test-infrastructure';
import { findHaproxyBinary } from '../lib/supervisor/find-haproxy-binary';

/**
 * The haproxy binary for integration suites, and their describe: without the binary they fail under
 * CI=true (CI is where the real thing must be exercised); elsewhere they are listed as not run.
 */
export function haproxyForTests(): { binary: string | null; describeIfHaproxy: DescribeBlock } {
  return { binary: findHaproxyBinary(), describeIfHaproxy: describeNeeding(['haproxy']) };
}
