// End-to-end suites: they drive the built apps (dist/) as a user would, with real Docker, HAProxy and SQLite.
export default {
  displayName: 'cloud-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/support/jest-setup.ts'],
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
};
