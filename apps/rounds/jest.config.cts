module.exports = {
  displayName: 'rounds',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/rounds',
};
