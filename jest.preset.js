const nxPreset = require('@nx/jest/preset').default;
const { join } = require('node:path');

// Every project's config (and so `npm test`, where jest runs them once): after the summary, the test
// variants that need Docker or HAProxy and could not run here, why, and how to enable them.
const notRun = (hook) => join(__dirname, 'libs/test-infrastructure/src/jest', `not-run-${hook}.cjs`);

module.exports = {
  ...nxPreset,
  coverageReporters: ['text-summary'],
  globalSetup: notRun('setup'),
  globalTeardown: notRun('teardown'),
};
