module.exports = {
  displayName: 'persistence',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/persistence',
  // The schema engine's wasm-bindgen glue is ESM only, like NestJS: let swc turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@prisma/schema-engine-wasm)/)'],
};
