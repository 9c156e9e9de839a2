import type { Config } from 'jest';

// One jest run over every project, so `npm test` prints one summary and one JSON report.
const config: Config = {
  projects: ['<rootDir>/apps/*/jest.config.ts', '<rootDir>/libs/*/jest.config.ts'],
};

export default config;
