/**
 * Unit tests run in jsdom with the real Optimizely SDK. Under jest its package resolves to the
 * Node build (clientEngine `node-sdk`), so it is mapped to the browser build: the tests run the
 * code browsers run. nock, the fake network edge, must use its Node interceptors even in jsdom.
 * Cloud tests opt into the Node environment with a docblock.
 *
 * TypeScript is only stripped here (helpers/esbuildTransform.js); `npm run typecheck` checks it.
 * At least two workers: jest's default (cores − 1) is one on a 2-core machine, which runs every
 * file in turn while real sockets and the SDK's I/O leave a core idle.
 */
const os = require('os')

module.exports = {
  testEnvironment: '<rootDir>/src/__tests__/helpers/jsdomEnvironment.js',
  roots: ['<rootDir>/src'],
  maxWorkers: Math.max(2, os.cpus().length - 1),
  testMatch: ['**/__tests__/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/__tests__/helpers/restoreNock.js'],
  transform: { '^.+\\.ts$': '<rootDir>/src/__tests__/helpers/esbuildTransform.js' },
  moduleNameMapper: {
    '^@optimizely/optimizely-sdk$': '<rootDir>/node_modules/@optimizely/optimizely-sdk/dist/index.browser.min.js',
    // src/web/subscriptions.ts names modules of the package's ES build (the web bundle aliases the
    // package name to that module); jest runs CommonJS.
    '^@segment/destination-subscriptions/dist/esm/(.*)$': '<rootDir>/node_modules/@segment/destination-subscriptions/dist/cjs/$1',
    '^@mswjs/interceptors$': '<rootDir>/node_modules/@mswjs/interceptors/lib/node/index.cjs',
    '^@mswjs/interceptors/presets/node$': '<rootDir>/node_modules/@mswjs/interceptors/lib/node/presets/node.cjs'
  }
}
