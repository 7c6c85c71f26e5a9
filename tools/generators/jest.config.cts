module.exports = {
  displayName: 'generators',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/generators',
};
