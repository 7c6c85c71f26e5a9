module.exports = {
  displayName: 'department-projection',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/department-projection',
};
