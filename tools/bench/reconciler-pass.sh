#!/usr/bin/env bash
# Reconciler pass time with 45 and 1,000 ONLINE nodes on a fake runtime (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
npx jest -c apps/manager/jest.config.ts --testMatch '**/src/bench/*.bench.ts' --verbose=false 2>&1 | grep -E 'reconciler pass|Tests:'
