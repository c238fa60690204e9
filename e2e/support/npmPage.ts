/**
 * Bundles e2e/npmPage/entry.ts the way a website's own build would: webpack's defaults for the
 * web (no aliases, no liquidjs stub), the package resolved by name through its `exports`, which
 * means the library build in dist/esm must exist.
 */
import path from 'path'
import webpack from 'webpack'

const ROOT = path.resolve(__dirname, '../..')
export const NPM_PAGE_DIR = path.join(ROOT, '.e2e-tmp/npm-page')

export async function buildNpmPage(): Promise<string> {
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    target: 'web',
    context: ROOT,
    entry: { page: './e2e/npmPage/entry.ts' },
    output: { path: NPM_PAGE_DIR, filename: '[name].js', publicPath: 'auto', clean: true },
    resolve: { extensions: ['.ts', '.js', '.mjs', '.json'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          options: {
            transpileOnly: true,
            configFile: path.join(ROOT, 'e2e/tsconfig.json'),
            compilerOptions: { module: 'esnext', target: 'ES2019' }
          }
        }
      ]
    },
    performance: { hints: false },
    infrastructureLogging: { level: 'error' }
  })
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error ?? new Error('webpack produced no result')) : resolve(result)))
  )
  await new Promise((resolve) => compiler.close(resolve))
  if (stats.hasErrors()) throw new Error(`the npm page did not build:\n${stats.toString({ all: false, errors: true })}`)
  return NPM_PAGE_DIR
}
