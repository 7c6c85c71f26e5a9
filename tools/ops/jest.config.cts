module.exports = {
  displayName: 'ops',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/ops',
};
