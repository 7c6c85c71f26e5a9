module.exports = {
  displayName: 'permissions',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/permissions',
};
