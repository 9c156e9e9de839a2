module.exports = require('../../tools/webpack/node-app.config')({ project: 'cli' });
