module.exports = {
  displayName: 'decisions',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/decisions',
};
