module.exports = {
  displayName: 'catalogue',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/catalogue',
};
