module.exports = {
  displayName: 'text-diff',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/text-diff',
};
