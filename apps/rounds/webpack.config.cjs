const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

// Built by `nx build rounds` (webpack-cli) into dist/apps/rounds/main.js.
module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/rounds'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      // Migrations are applied at boot; the built service reads them from join(__dirname, 'prisma', 'migrations').
      assets: [{ input: './prisma', glob: '**/*', output: 'prisma' }],
      // Packages stay in node_modules (NestJS 12 is ESM-only and is require()d at runtime).
      externalDependencies: 'all',
      // Only transpile: the `typecheck` target type-checks.
      typeCheckOptions: false,
      optimization: false,
      outputHashing: 'none',
      sourceMap: true,
      // package.json + pruned package-lock.json next to main.js, for the Docker runtime stage.
      generatePackageJson: true,
      // Imported by the bundle but invisible to Nx's project graph (tslib: emitted helpers;
      // @prisma/client: from the git-ignored generated client), so listed by hand.
      runtimeDependencies: ['tslib', '@prisma/client'],
    }),
  ],
};
