/**
 * jest in native ESM mode (NestJS 12 is ESM-only): `npm test` sets --experimental-vm-modules.
 * Three tiers share one run: *.spec.ts (unit), *.int-spec.ts (services against a real database),
 * *.e2e-spec.ts (the API over HTTP). Each test file gets its own database, so files run in parallel.
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/docker'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@app/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  maxWorkers: 2,
  testTimeout: 60_000,
  cacheDirectory: '<rootDir>/.jest-cache',
};
