module.exports = {
  displayName: 'complaints',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/complaints',
};
