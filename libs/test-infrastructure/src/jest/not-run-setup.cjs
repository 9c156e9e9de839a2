const { startNotRunLog } = require('./not-run-block.cjs');

// jest globalSetup (from jest.preset.js): runs before any worker starts, so every worker inherits the file's name.
module.exports = () => {
  startNotRunLog();
};
