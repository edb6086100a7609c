/**
 * Browser journeys (`npm run test:e2e`); never part of `npm test`. Global setup starts the app as
 * `npm start` does (fresh data folder, free port) unless E2E_BASE_URL names one already running.
 */
export default {
  displayName: 'e2e',
  preset: '../../tools/jest/jest-preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/src/global-setup.ts',
  globalTeardown: '<rootDir>/src/global-teardown.ts',
  testTimeout: 5 * 60_000,
};
