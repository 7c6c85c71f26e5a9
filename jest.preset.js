const { nxPreset } = require('@nx/jest/preset');

// Tests run in UTC whatever the machine says; the calendar code names Asia/Shanghai explicitly.
// Set here, while Jest reads its config, so the workers it starts inherit it.
process.env.TZ = 'UTC';

// NestJS 12 ships ESM only; swc turns it (and our TypeScript) into CommonJS for Jest.
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Every tier; the Nx targets narrow it: `test` *.spec.ts (no infrastructure), `integration`
  // *.integration-spec.ts and `e2e` *.e2e-spec.ts (NATS and PostgreSQL); see nx.json.
  testMatch: ['**/?(*.)+(spec|integration-spec|e2e-spec).ts'],
  transform: {
    '^.+\\.(ts|js|mjs|cjs)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@prisma/schema-engine-wasm|jose)/)'],
  testTimeout: 60000,
};
