/**
 * Unit tests run in jsdom with the real Optimizely SDK. Its package resolves to the Node build
 * under jest (clientEngine `node-sdk`), so it is mapped to the browser build: the tests run the
 * code browsers run. Cloud tests opt into the Node environment with a docblock.
 */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  moduleNameMapper: {
    '^@optimizely/optimizely-sdk$': '<rootDir>/node_modules/@optimizely/optimizely-sdk/dist/index.browser.min.js'
  }
}
