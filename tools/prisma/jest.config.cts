module.exports = {
  displayName: 'prisma-tools',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/prisma',
};
