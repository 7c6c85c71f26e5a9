const { appWebpackConfig } = require('../../tools/build/app-webpack-config.cjs');

module.exports = appWebpackConfig({ appDir: __dirname, app: 'complaints', service: true });
