import { approvalPublishedAt } from './task-approved.use-case';

const NOW = new Date('2024-09-20T07:30:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('approvalPublishedAt', () => {
  it('dates the version at the approval', () => {
    expect(approvalPublishedAt({ approvedAt: minutes(-30), tipPublishedAt: minutes(-60), now: NOW })).toEqual(
      minutes(-30),
    );
    expect(approvalPublishedAt({ approvedAt: minutes(-30), tipPublishedAt: null, now: NOW })).toEqual(
      minutes(-30),
    );
  });

  it('never dates it in the future, when the approver clock runs ahead', () => {
    expect(approvalPublishedAt({ approvedAt: minutes(2), tipPublishedAt: null, now: NOW })).toEqual(NOW);
  });

  it('puts it on top, now, of a version published by hand after the approval', () => {
    expect(approvalPublishedAt({ approvedAt: minutes(-30), tipPublishedAt: minutes(-10), now: NOW })).toEqual(
      NOW,
    );
  });

  it('keeps the approval time when the tip went out at that same moment', () => {
    expect(approvalPublishedAt({ approvedAt: minutes(-30), tipPublishedAt: minutes(-30), now: NOW })).toEqual(
      minutes(-30),
    );
  });
});
