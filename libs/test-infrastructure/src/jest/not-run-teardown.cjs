const { NOT_RUN_FILE_ENV, printNotRun } = require('./not-run-block.cjs');

// jest globalTeardown (jest.preset.js): jest runs it after the summary, so the block is the run's last word.
module.exports = (globalConfig) => {
  printNotRun(globalConfig.rootDir, process.env[NOT_RUN_FILE_ENV]);
};
