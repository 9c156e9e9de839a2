import nx from '@nx/eslint-plugin';

// Module boundaries: dependencies point inward (apps -> libs), pure libraries import no framework,
// only libs/runtime talks to Docker, only libs/haproxy speaks the HAProxy protocol. The manager
// (scope:manager: haproxy, elasticity) and the agent (scope:agent: runtime) share only scope:shared libs.
const frameworkImports = ['@nestjs/*', '@angular/*', 'express', 'dockerode', 'better-sqlite3', 'rxjs'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.nx',
      '**/.angular',
      'libs/api-client/src/generated/**',
      'data/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
    // Project lint and webpack configs extend shared ones by relative path; that is not a module dependency.
    ignores: ['**/eslint.config.mjs', '**/webpack.config.js'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:adapter',
                'type:domain',
                'type:contracts',
                'type:client',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:client', 'type:contracts', 'type:adapter', 'type:testing'],
            },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
            // Test support (libs/test-infrastructure): which variants this machine can run. Specs only.
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: frameworkImports,
            },
            { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: frameworkImports,
            },
            { sourceTag: 'scope:manager', onlyDependOnLibsWithTags: ['scope:manager', 'scope:shared'] },
            { sourceTag: 'scope:agent', onlyDependOnLibsWithTags: ['scope:agent', 'scope:shared'] },
            { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:client', 'scope:shared'] },
            { sourceTag: 'scope:node', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:client', 'scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    files: [
      'libs/haproxy/**/*.ts',
      'libs/elasticity/**/*.ts',
      'libs/contracts/**/*.ts',
      'libs/api-client/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@nestjs/*', '@angular/*', 'dockerode'] }] },
  },
  {
    files: ['libs/runtime/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@nestjs/*', '@angular/*'] }] },
  },
  {
    files: ['apps/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['dockerode'] }] },
  },
  {
    files: ['apps/**/*.ts'],
    ignores: ['**/*.spec.ts', 'apps/*-e2e/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Dropping a field with a rest spread (`{ pod: _parent, ...server }`) is intended.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true }],
    },
  },
];
