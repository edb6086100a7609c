/**
 * Benchmarks only (`npm run bench`); never part of `npm test`. Same embedded PostgreSQL set-up as
 * the API suite, one file at a time, with room for the large data sets.
 */
export default {
  displayName: 'bench',
  preset: '../../../tools/jest/jest-preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.bench.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/../test/global-setup.ts',
  globalTeardown: '<rootDir>/../test/global-teardown.ts',
  testTimeout: 45 * 60_000,
};
