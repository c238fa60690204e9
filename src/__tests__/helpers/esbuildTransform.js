/**
 * The unit tests' TypeScript transform: esbuild strips the types, file by file, as ts-jest did
 * with `isolatedModules`, in a fraction of its time (ts-jest loads the TypeScript compiler in
 * every worker). Types are checked by `npm run typecheck`, never here.
 *
 * What ts-jest did besides stripping types, and this keeps:
 * - the tsconfig.json compiler options that change the emitted code (target, strictness and so
 *   "use strict", class-field semantics), passed to esbuild as they are;
 * - `import()` as a `require` wrapped in a promise, as tsc emits it for CommonJS;
 * - `jest.mock(...)` calls moved above the imports, so a mocked module is mocked before the file's
 *   imports load it: babel-plugin-jest-hoist (babel-jest's own hoisting) runs on the files that
 *   call it, after esbuild, keeping the source map.
 */
const crypto = require('crypto')
const fs = require('fs')
const path = require('path')
const esbuild = require('esbuild')

const tsconfigPath = path.resolve(__dirname, '../../../tsconfig.json')
const { compilerOptions } = JSON.parse(fs.readFileSync(tsconfigPath, 'utf8'))

/** Anything that must be hoisted the way babel-jest hoists it. */
const CALLS_TO_HOIST = /\bjest\s*\.\s*(mock|unmock|enableAutomock|disableAutomock|deepUnmock)\s*\(/

/** What the output depends on besides the file: this transform, its tools and the compiler options. */
const TRANSFORM_KEY = [
  fs.readFileSync(__filename, 'utf8'),
  esbuild.version,
  require('babel-plugin-jest-hoist/package.json').version,
  JSON.stringify(compilerOptions)
].join('\0')

function hoistJestCalls(code, map, filename) {
  const babel = require('@babel/core')
  const result = babel.transformSync(code, {
    filename,
    babelrc: false,
    configFile: false,
    plugins: [require.resolve('babel-plugin-jest-hoist')],
    inputSourceMap: map,
    sourceMaps: true
  })
  return { code: result.code, map: result.map }
}

module.exports = {
  process(source, filename) {
    const result = esbuild.transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: compilerOptions.target.toLowerCase(),
      tsconfigRaw: { compilerOptions },
      // As tsc emits it for CommonJS: `import()` becomes a require (jest's VM has no dynamic import).
      supported: { 'dynamic-import': false },
      sourcefile: filename,
      sourcemap: 'external',
      sourcesContent: true
    })
    const map = JSON.parse(result.map)
    return CALLS_TO_HOIST.test(source) ? hoistJestCalls(result.code, map, filename) : { code: result.code, map }
  },

  getCacheKey(source, filename, { configString }) {
    const hash = crypto.createHash('sha256').update(TRANSFORM_KEY)
    for (const part of [configString, filename, source]) hash.update('\0').update(part)
    return hash.digest('hex')
  }
}
