import baseConfig from '../../eslint.config.mjs';

// Pure library: time and randomness come in as arguments, so specs can drive them.
const impure = 'libs/elasticity is pure: take time and randomness as inputs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', 'src/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: impure },
        { object: 'Math', property: 'random', message: impure },
        { object: 'performance', property: 'now', message: impure },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: impure }],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process', 'fetch', 'require'],
    },
  },
];
