const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

/**
 * The webpack config every app shares: `nx build <app>` (webpack-cli) bundles apps/<app>/src/main.ts
 * into dist/apps/<app>/main.js. Services also ship their prisma folder (migrations applied at boot).
 */
function appWebpackConfig({ appDir, app, service }) {
  return {
    output: {
      path: join(appDir, '../../dist/apps', app),
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
        // The built service reads its migrations from join(__dirname, 'prisma', 'migrations').
        assets: service ? [{ input: './prisma', glob: '**/*', output: 'prisma' }] : [],
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
        runtimeDependencies: service ? ['tslib', '@prisma/client'] : ['tslib'],
      }),
    ],
  };
}

module.exports = { appWebpackConfig };
