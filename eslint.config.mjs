import { join } from 'node:path';
import nx from '@nx/eslint-plugin/nx';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const PLATFORM = ['scope:contracts', 'scope:platform'];
/** Every lib that production code may import; the testing libs (scope:testing) are not among them. */
const SHIPPED_LIBS = [...PLATFORM, 'scope:department-projection', 'scope:decisions'];

/**
 * What each app may see, in one place. `libs`: the scope tags of the libs its production code
 * may import (each app's project.json carries `scope:<app>`). `contracts`: the folders or files
 * of libs/contracts/src whose exports it may import from `@gongkai/contracts`, besides `common/`
 * (`'*'`: all). A service sees its own contracts and what it consumes from others; its tests
 * may use everything (they stand in for the other services).
 */
const APPS = {
  gateway: { libs: [...PLATFORM, 'scope:decisions'], contracts: ['*'] },
  // The decider: it decides in-process, and marks the handlers that decide what the gateway could not.
  permissions: { libs: [...PLATFORM, 'scope:decisions'], contracts: ['permissions'] },
  catalogue: {
    libs: [...PLATFORM, 'scope:department-projection', 'scope:decisions'],
    // Department events and reorganisations for its responsibilities, the actions it decides
    // (through @gongkai/decisions, never by asking permissions.decisions.check itself), and the
    // approved task of an update round.
    contracts: [
      'catalogue',
      'permissions/departments#Department*V1',
      'permissions/reorganisations#Department*V1',
      'permissions/roles#Action',
      'rounds/tasks#RoundsTaskApproved*',
      'rounds/tasks#ApprovedContent*',
    ],
  },
  rounds: {
    libs: [...PLATFORM, 'scope:department-projection', 'scope:decisions'],
    // Its own projections: catalogue items, responsibilities and publications (events), a
    // publication's content for a task's diff, the people, bindings and reorganisations that move
    // work, and the actions it decides for a task's department (through @gongkai/decisions).
    contracts: [
      'rounds',
      'catalogue/events#*V1',
      'catalogue/rpc#CatalogueRpc',
      'permissions/bindings#Binding*',
      'permissions/people#Person*V1',
      'permissions/people#IdentityChangeKind',
      'permissions/reorganisations#Department*V1',
      'permissions/roles#Action',
    ],
  },
  complaints: {
    libs: [...PLATFORM, 'scope:department-projection', 'scope:decisions'],
    // Who holds a role where and people's identity changes (work follows people), reorganisations
    // (work follows departments), and the actions it decides where only a case knows its department.
    contracts: [
      'complaints',
      'permissions/bindings#Binding*V1',
      'permissions/people#PersonIdentityChangedV1',
      'permissions/reorganisations#Department*V1',
      'permissions/departments#Department*V1',
      'permissions/roles#Action',
    ],
  },
  // Read models from the other services' events only (never a call, never their databases: the
  // department names come from permissions' events), and the application table's rule shared with complaints.
  reports: {
    libs: [...PLATFORM, 'scope:department-projection'],
    contracts: [
      'reports',
      'catalogue/events#*V1',
      'catalogue/common#CHANNELS',
      'rounds/events#*',
      'rounds/rounds#AcademicYearSchema',
      'complaints/events#*',
      'complaints/applications',
      'complaints/application-table',
      'complaints/cases#CASE_SOURCES',
    ],
  },
};

/** Libs that see only part of the contracts, as the apps above. */
const LIBS = {
  'department-projection': {
    contracts: ['permissions/departments#Department*V1', 'permissions/reorganisations#Department*V1'],
  },
  // The one decision client: the check and its answer, and the actions it is asked about.
  decisions: {
    contracts: ['permissions/decisions', 'permissions/rpc#CheckPermissionRpc', 'permissions/roles#Action'],
  },
};

/** Which projects may import which. Tests (and only tests) may use the testing libs. */
function boundaries(inTests) {
  const testing = inTests ? ['scope:testing'] : [];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      // Apps never import each other: they talk over NATS and share only libs. Test fixtures
      // never ship: an app's production code cannot import a testing lib (scope:testing).
      // (Not notDependOnLibsWithTags: that follows the graph, and platform libs' tests use them.)
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: inTests ? ['type:lib'] : SHIPPED_LIBS },
      ...Object.entries(APPS).map(([app, { libs }]) => ({
        sourceTag: `scope:${app}`,
        onlyDependOnLibsWithTags: [...libs, ...testing],
      })),
      // Tools use libs and each other (the service generator writes migrations with tools/prisma).
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
      // Contracts are plain TypeScript + zod: no framework, no database.
      {
        sourceTag: 'scope:contracts',
        onlyDependOnLibsWithTags: [],
        bannedExternalImports: ['@nestjs/*', '@prisma/*', '@nats-io/*', 'pg'],
      },
      {
        sourceTag: 'scope:platform',
        onlyDependOnLibsWithTags: ['scope:contracts', 'scope:platform', ...testing],
      },
      // The department tree a projecting service keeps: built on the platform, from permissions' events.
      {
        sourceTag: 'scope:department-projection',
        onlyDependOnLibsWithTags: ['scope:contracts', 'scope:platform', ...testing],
      },
      // The decision client (ADR 0002): built on the platform, asks permissions, follows its events.
      {
        sourceTag: 'scope:decisions',
        onlyDependOnLibsWithTags: ['scope:contracts', 'scope:platform', ...testing],
      },
      // End-to-end tests drive the system as its users do, and may run the tools users run (npm run demo).
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
      {
        sourceTag: 'scope:testing',
        onlyDependOnLibsWithTags: ['scope:contracts', 'scope:platform', 'scope:testing'],
      },
    ],
  };
}

const TEST_FILES = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'];
const CONTRACTS_DIR = join(import.meta.dirname, 'libs', 'contracts', 'src');

function contractsVisibility(project, contracts) {
  return {
    '@nx/workspace-contracts-visibility': [
      'error',
      { contractsDir: CONTRACTS_DIR, visible: contracts, project },
    ],
  };
}

/**
 * Layers inside an app, by file suffix: transport (handlers, consumers, controllers) → use cases
 * → repositories, never back.
 */
const TRANSPORT = ['handler', 'consumer', 'controller'];
const importOfRole = (roles) => `(^|/)[^/]*\\.(${roles.join('|')})(\\.[cm]?[jt]s)?$`;
const layering = [
  {
    files: ['**/*.repository.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: importOfRole([...TRANSPORT, 'use-case']),
              message:
                'A repository is the bottom layer: it must not import a handler, consumer, controller or use case (handlers → use cases → repositories).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.use-case.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: importOfRole(TRANSPORT),
              message:
                'A use case must not import a handler, consumer or controller: transport calls the use case, not the other way round.',
            },
          ],
        },
      ],
    },
  },
];

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
  ...Object.entries(APPS).map(([app, { contracts }]) => ({
    files: [`apps/${app}/**/*.ts`],
    ignores: TEST_FILES,
    rules: contractsVisibility(app, contracts),
  })),
  ...Object.entries(LIBS).map(([lib, { contracts }]) => ({
    files: [`libs/${lib}/**/*.ts`],
    ignores: TEST_FILES,
    rules: contractsVisibility(lib, contracts),
  })),
  ...layering,
  {
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(true)] },
  },
  prettier,
);
