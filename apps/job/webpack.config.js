// Self-contained: the bundle is all a node image needs besides the node binary.
module.exports = require('../../tools/webpack/node-app.config')({ project: 'job', selfContained: true });
