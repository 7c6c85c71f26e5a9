/*
 * The API security suite (issue 9): `npm run test:security`. Named so that the Nx Jest plugin does
 * not infer an `e2e` target from it: `npm test` does not run it, CI runs it once on its own.
 */
module.exports = {
  displayName: 'security-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 300000,
};
