module.exports = {
  displayName: 'system-e2e',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/e2e/system',
};
