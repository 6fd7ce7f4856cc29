/** Every spec boots the real app against a real database: SQLite by default, PostgreSQL when DATABASE_URL says so. */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: '(test|src)/.*\\.(e2e-spec|spec)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Every reply a spec receives is checked against the served OpenAPI document.
  setupFilesAfterEnv: ['<rootDir>/test/support/contract-hook.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testSequencer: '<rootDir>/test/support/sequencer.js',
  maxWorkers: 2,
  // Each spec file leaves about 25 MB in its worker's heap (the app's module graph, held past the file); over a
  // hundred files a worker neared V8's heap limit and spent the later half of the run collecting (CI doubled).
  // A worker past this after a file is replaced by a fresh one (same JEST_WORKER_ID, so the same browser).
  workerIdleMemoryLimit: '1GB',
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
