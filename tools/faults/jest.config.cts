module.exports = {
  displayName: 'faults',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/faults',
};
