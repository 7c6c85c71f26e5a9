module.exports = {
  displayName: 'service-testing',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/service-testing',
};
