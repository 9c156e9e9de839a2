import type { Config } from 'jest';

// One jest run over every project, so `npm test` prints one summary and one JSON report.
const config: Config = {
  // Global only: a project's own testTimeout is ignored in a multi-project run (e2e raises it in its setup file).
  testTimeout: 30_000,
  projects: ['<rootDir>/apps/*/jest.config.ts', '<rootDir>/libs/*/jest.config.ts'],
};

export default config;
