/**
 * The browser suite (`npm run test:e2e`, after `npm run build`): Node environment, one file at a
 * time (each file drives its own Chromium and local servers), per-test time-outs that leave room
 * for a datafile that is late, SDK retries and page unloads.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/e2e/tsconfig.json' }] },
  globalSetup: '<rootDir>/e2e/support/requireBuild.js',
  maxWorkers: 1,
  testTimeout: 60_000
}
