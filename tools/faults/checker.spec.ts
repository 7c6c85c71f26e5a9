import { subjectMatches } from './checker';

describe('subjectMatches (which events a durable consumer receives)', () => {
  it.each([
    ['run.evt.permissions.>', 'run.evt.permissions.department.created.v1', true],
    ['run.evt.permissions.>', 'run.evt.permissions', false],
    ['run.evt.permissions.department.>', 'run.evt.permissions.person.created.v1', false],
    ['run.evt.*.department.created.v1', 'run.evt.permissions.department.created.v1', true],
    ['run.evt.*.department.created.v1', 'run.evt.permissions.department.created.v1.extra', false],
    ['run.evt.rounds.task.approved.v1', 'run.evt.rounds.task.approved.v1', true],
  ])('%s matches %s: %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
  });
});
