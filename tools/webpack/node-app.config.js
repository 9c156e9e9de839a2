// One webpack set-up for every Node app: TypeScript through ts-loader (transpile only; `typecheck`
// does the type checking), workspace libs bundled through the tsconfig paths, npm packages left external
// unless the app asks for a self-contained bundle (the job server, which runs inside node images).
const path = require('node:path');
const TsconfigPathsPlugin = require('tsconfig-paths-webpack-plugin');
const nodeExternals = require('webpack-node-externals');

const workspaceRoot = path.resolve(__dirname, '../..');

module.exports = function nodeAppConfig({ project, selfContained = false }) {
  const projectRoot = path.join(workspaceRoot, 'apps', project);
  return {
    mode: 'production',
    target: 'node20',
    context: projectRoot,
    entry: { main: './src/main.ts' },
    devtool: 'source-map',
    output: {
      path: path.join(workspaceRoot, 'dist/apps', project),
      filename: '[name].js',
      clean: true,
    },
    optimization: { minimize: false, nodeEnv: false },
    externalsPresets: { node: true },
    externals: selfContained ? [] : [nodeExternals({ modulesDir: path.join(workspaceRoot, 'node_modules') })],
    resolve: {
      extensions: ['.ts', '.js'],
      plugins: [new TsconfigPathsPlugin({ configFile: path.join(projectRoot, 'tsconfig.app.json') })],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          options: { transpileOnly: true, configFile: path.join(projectRoot, 'tsconfig.app.json') },
        },
      ],
    },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
