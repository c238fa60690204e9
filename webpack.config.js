/**
 * The web bundle analytics.js loads as a remote plugin:
 * dist/web/optimizely-feature-experimentation.js defines
 * window['optimizely-feature-experimentationDestination'] = the plugin factory (the default export
 * of src/index.ts). analytics.js' remote loader reads exactly `window[remotePlugin.libraryName]`
 * and calls it with the remote plugin's settings.
 */
const path = require('path')
const { stripDescriptions } = require('./build/stripDescriptions')

const root = __dirname

module.exports = (_env, argv = {}) => {
  const production = argv.mode !== 'development'
  return {
    mode: production ? 'production' : 'development',
    target: ['web', 'es2019'],
    entry: { 'optimizely-feature-experimentation': './src/index.ts' },
    output: {
      path: path.join(root, 'dist/web'),
      filename: '[name].js',
      // The runtime's action plugin is a lazy chunk: 'auto' loads it from wherever the main file
      // was served (a CDN path we do not know at build time).
      chunkFilename: '[name].[contenthash:8].js',
      publicPath: 'auto',
      library: { name: 'optimizely-feature-experimentationDestination', type: 'window', export: 'default' },
      clean: true
    },
    devtool: 'source-map',
    // One lazy chunk (the runtime's action plugin with mapping kit and subscriptions) rather than
    // webpack's default vendor split: a remote plugin should cost as few requests as possible.
    optimization: { splitChunks: false },
    resolve: {
      extensions: ['.ts', '.js'],
      // The Optimizely SDK's package.json maps `browser` to its browser build; its default and
      // `main` are the Node build (http, no sendBeacon).
      conditionNames: ['browser', 'import', 'module', 'default'],
      mainFields: ['browser', 'module', 'main'],
      alias: {
        // actions-core's mapping kit imports liquidjs at module load; see the stub for why.
        liquidjs$: path.join(root, 'src/web/liquidjsStub.ts'),
        // The SDK imports json-schema only for features the destination never enables; see the stub.
        'json-schema$': path.join(root, 'src/web/jsonSchemaStub.ts'),
        // The runtime re-parses each subscription's FQL per event; see the module for why it is safe to remember.
        '@segment/destination-subscriptions$': path.join(root, 'src/web/subscriptions.ts')
      }
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          // Type errors are caught by `npm run typecheck`; the bundle only needs JavaScript.
          options: {
            transpileOnly: true,
            compilerOptions: { module: 'esnext', target: 'ES2019', sourceMap: true, declaration: false },
            getCustomTransformers: () => ({ before: [stripDescriptions] })
          }
        }
      ]
    },
    performance: { hints: false },
    stats: { modules: false, children: false, assetsSort: 'name' }
  }
}
