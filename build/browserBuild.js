/**
 * The npm package's browser build, dist/browser: what a site's own bundler gets for
 * `import ... from 'optimizely-feature-experimentation-segment'` (the `browser` condition of
 * package.json `exports`). It is the web bundle's code as ES modules: the same substitutes from
 * src/web (build/webSubstitutes.js) and the same catalogue stripping (build/stripCatalogue.js), already applied, so a
 * site's bundler needs no alias or plugin to get the lean code, and cannot pull in what the CDN
 * bundle leaves out (liquidjs, the FQL library and the mapping validator on the common path).
 *
 * The Optimizely SDK (its browser build) is bundled in too, in the lazy chunk of our own client,
 * as in the CDN bundle: left to the site's bundler it would bring the `json-schema` validator the
 * SDK imports for features this destination never enables (about 2.5 KB gzip; the web bundle
 * stubs it). A site that converts through its own client never loads that chunk. analytics.js is
 * only a type here. Lazy parts (the SDK with our own client, decisions, the FQL parser, the
 * mapping validator) are separate files reached by relative `import()`, which every bundler
 * follows.
 */
const fs = require('fs')
const path = require('path')
const ts = require('typescript')
const esbuild = require('esbuild')
const { stripCatalogue } = require('./stripCatalogue')
const { packageSubstitute, SUBSTITUTED_REQUEST, WEB_ALIASES } = require('./webSubstitutes')

const root = path.resolve(__dirname, '..')
const outdir = path.join(root, 'dist/browser')

/** WEB_ALIASES' keys end in `$` (an exact match for webpack): the same exact names for esbuild. */
const exactAliases = new Map(Object.entries(WEB_ALIASES).map(([name, file]) => [name.replace(/\$$/, ''), file]))
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

const substitutes = {
  name: 'web-substitutes',
  setup(build) {
    const names = new RegExp(`^(${[...exactAliases.keys()].map(escape).join('|')})$`)
    build.onResolve({ filter: names }, (args) => ({ path: exactAliases.get(args.path) }))
    build.onResolve({ filter: SUBSTITUTED_REQUEST }, (args) => {
      const file = packageSubstitute(args.path, args.resolveDir)
      return file ? { path: file } : undefined
    })
  }
}

/** Our TypeScript through the web bundle's transform (what only Segment's catalogue reads dropped); the exported `destination` keeps its presets (src/index.ts adds them apart from the definition). */
const typescript = {
  name: 'typescript-strip-catalogue',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8')
      const { outputText } = ts.transpileModule(source, {
        fileName: args.path,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
        transformers: { before: [stripCatalogue] }
      })
      return { contents: outputText, loader: 'js', resolveDir: path.dirname(args.path) }
    })
  }
}

async function buildBrowser() {
  fs.rmSync(outdir, { recursive: true, force: true })
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { index: 'src/index.ts' },
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2020',
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    external: ['@segment/analytics-next'],
    mainFields: ['browser', 'module', 'main'],
    resolveExtensions: ['.ts', '.js'],
    plugins: [substitutes, typescript],
    logLevel: 'warning'
  })
}

buildBrowser().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
