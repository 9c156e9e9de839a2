export default {
  displayName: 'runtime',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  // The contract suites start real processes and containers on free ports.
  testTimeout: 30_000,
};
