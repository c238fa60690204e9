/**
 * The web bundle analytics.js loads as a remote plugin:
 * dist/web/optimizely-feature-experimentation.js defines
 * window['optimizely-feature-experimentationDestination'] = the plugin factory (the default export
 * of src/index.ts). analytics.js' remote loader reads exactly `window[remotePlugin.libraryName]`
 * and calls it with the remote plugin's settings.
 */
const path = require('path')
const webpack = require('webpack')
const { stripCatalogue } = require('./build/stripCatalogue')
const { packageSubstitute, SUBSTITUTED_REQUEST, WEB_ALIASES } = require('./build/webSubstitutes')

const root = __dirname

module.exports = (_env, argv = {}) => {
  const production = argv.mode !== 'development'
  return {
    mode: production ? 'production' : 'development',
    target: ['web', 'es2020'],
    // src/web/publicPath.ts first: it tells the runtime where the lazy chunks are. The library
    // exposes the last module's exports (src/index.ts).
    entry: { 'optimizely-feature-experimentation': ['./src/web/publicPath.ts', './src/index.ts'] },
    output: {
      path: path.join(root, 'dist/web'),
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      // Set at run time to the main file's folder (a CDN path we do not know at build time):
      // src/web/publicPath.ts.
      publicPath: '',
      // Names the chunk-loading global and the script tags' data attribute; short, and unique to this destination.
      uniqueName: 'segmentOptimizelyFx',
      // Every file is ASCII (terser's ascii_only below; a test checks it), so the script tags need no charset.
      charset: false,
      library: { name: 'optimizely-feature-experimentationDestination', type: 'window', export: 'default' },
      clean: true
    },
    devtool: 'source-map',
    // Each lazy chunk is one file (the SDK with our own client; decisions; the FQL parser and the
    // mapping validator, which only uncommon subscriptions need) rather than webpack's vendor
    // split: a remote plugin should cost as few requests as possible.
    optimization: {
      splitChunks: false,
      // Short module, chunk and export names: the files are versioned together (the main file
      // names each chunk's content hash), so the stable ids long-term caching wants buy nothing.
      moduleIds: 'size',
      chunkIds: 'size',
      mangleExports: 'size',
      // terser may write ES2020 (the target) and takes a third pass.
      minimizeOptions: { javascript: { ecma: 2020, compress: { passes: 3 }, format: { ascii_only: true } } }
    },
    resolve: {
      extensions: ['.ts', '.js'],
      // The Optimizely SDK's package.json maps `browser` to its browser build; its default and
      // `main` are the Node build (http, no sendBeacon).
      conditionNames: ['browser', 'import', 'module', 'default'],
      mainFields: ['browser', 'module', 'main'],
      // The substitutes in src/web (see build/webSubstitutes.js for each one's reason).
      alias: WEB_ALIASES
    },
    plugins: [
      // Modules the mapping kit and the runtime import from their own folders (see build/webSubstitutes.js).
      new webpack.NormalModuleReplacementPlugin(SUBSTITUTED_REQUEST, (resource) => {
        resource.request = packageSubstitute(resource.request, resource.context) ?? resource.request
      })
    ],
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          // Type errors are caught by `npm run typecheck`; the bundle only needs JavaScript.
          options: {
            transpileOnly: true,
            compilerOptions: { module: 'esnext', target: 'ES2020', sourceMap: true, declaration: false },
            getCustomTransformers: () => ({ before: [stripCatalogue] })
          }
        }
      ]
    },
    performance: { hints: false },
    stats: { modules: false, children: false, assetsSort: 'name' }
  }
}
