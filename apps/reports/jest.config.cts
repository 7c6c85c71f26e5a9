module.exports = {
  displayName: 'reports',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/reports',
};
