module.exports = {
  displayName: 'gateway',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/gateway',
  // As the preset, plus content-disposition (ESM only, which @fastify/static loads for /api/docs) and jose.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition|jose)/)'],
};
