/**
 * Fault drills for message delivery (`npm run test:faults`); never part of `npm test`. Starts its
 * own embedded PostgreSQL (which the drills stop and start) and runs the built worker as child
 * processes, so `run.mjs` builds the API and the connectors first.
 */
export default {
  displayName: 'faults',
  preset: '../../../tools/jest/jest-preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.faults.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/global-setup.ts',
  globalTeardown: '<rootDir>/global-teardown.ts',
  testTimeout: 5 * 60_000,
};
