import nx from '@nx/eslint-plugin/nx';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Which projects may import which. Tests (and only tests) of platform libs may use the testing lib. */
function boundaries(inTests) {
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      // Apps never import each other: they talk over NATS and share only libs.
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
      // Contracts are plain TypeScript + zod: no framework, no database.
      {
        sourceTag: 'scope:contracts',
        onlyDependOnLibsWithTags: [],
        bannedExternalImports: ['@nestjs/*', '@prisma/*', '@nats-io/*', 'pg'],
      },
      {
        sourceTag: 'scope:platform',
        onlyDependOnLibsWithTags: [
          'scope:contracts',
          'scope:platform',
          ...(inTests ? ['scope:testing'] : []),
        ],
      },
      // The department tree a projecting service keeps: built on the platform, from permissions' events.
      {
        sourceTag: 'scope:department-projection',
        onlyDependOnLibsWithTags: [
          'scope:contracts',
          'scope:platform',
          ...(inTests ? ['scope:testing'] : []),
        ],
      },
      // End-to-end tests drive the built apps over HTTP and NATS; they import only libs.
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
      {
        sourceTag: 'scope:testing',
        onlyDependOnLibsWithTags: ['scope:contracts', 'scope:platform', 'scope:testing'],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules', '**/dist', '**/generated', '**/.nx', '**/.data', '**/coverage'] },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(true)] },
  },
  prettier,
);
