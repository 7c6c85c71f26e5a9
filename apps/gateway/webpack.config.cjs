const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

// Built by `nx build gateway` (webpack-cli) into dist/apps/gateway/main.js.
module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/gateway'),
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
      // Packages stay in node_modules (NestJS 12 is ESM-only and is require()d at runtime).
      externalDependencies: 'all',
      // Only transpile: the `typecheck` target type-checks.
      typeCheckOptions: false,
      optimization: false,
      outputHashing: 'none',
      sourceMap: true,
      // package.json + pruned package-lock.json next to main.js, for the Docker runtime stage.
      generatePackageJson: true,
      // Required by the bundle (TypeScript's emitted helpers) but invisible to Nx's project graph.
      runtimeDependencies: ['tslib'],
    }),
  ],
};
