import { academicYearOf } from './academic-year';
import { caseAt, responseWasDue, type CaseAt, type CaseEvent } from './case-fold';

const base = {
  caseId: 'c1',
  trackingNo: 'TS-1',
  kind: 'complaint',
  source: 'web',
  category: 'canteen',
  receivedAt: new Date('2024-08-30T02:00:00Z'),
  leadDepartmentId: null,
  requesterType: null,
};
const event = (
  aggregateVersion: number,
  type: string,
  occurredAt: string,
  status: string,
  details: Record<string, unknown> = {},
): CaseEvent => ({ ...base, aggregateVersion, type, occurredAt: new Date(occurredAt), status, details });

describe('a case at the end of an academic year, by business time', () => {
  const year = academicYearOf('2023-2024');

  it('spans 1 September to 31 August in Asia/Shanghai', () => {
    expect(year.start.toISOString()).toBe('2023-08-31T16:00:00.000Z');
    expect(year.end.toISOString()).toBe('2024-08-31T15:59:59.999Z');
  });

  it('is not closed at the end of August when the close happened in September, whenever entered', () => {
    const events = [
      event(1, 'received', '2024-08-30T02:00:00Z', 'received'),
      event(2, 'closed', '2024-09-02T02:00:00Z', 'closed'),
    ];
    expect(caseAt(events, year.end)?.status).toBe('received');
    expect(caseAt(events, new Date('2024-09-30T00:00:00Z'))?.status).toBe('closed');
  });

  it('folds the same state from events in any order', () => {
    const events = [
      event(1, 'received', '2024-03-01T02:00:00Z', 'received'),
      event(2, 'contacted', '2024-03-01T03:00:00Z', 'accepted', { onTime: true }),
      event(3, 'callback-recorded', '2024-03-03T03:00:00Z', 'replied', {
        satisfaction: 'unsatisfied',
        resolution: 'unsolved',
      }),
      event(4, 'reopened', '2024-03-04T03:00:00Z', 'dispatched', { reason: '仍未解决' }),
      event(5, 'callback-recorded', '2024-03-08T03:00:00Z', 'replied', {
        satisfaction: 'satisfied',
        resolution: 'solved',
      }),
    ];
    const inOrder = caseAt(events, year.end);
    expect(caseAt([...events].reverse(), year.end)).toEqual(inOrder);
    expect(inOrder).toMatchObject({
      contact: { onTime: true },
      callback: { satisfaction: 'satisfied', resolution: 'solved' },
    });
  });

  it('forgets a callback when the case is reopened, until it is called back again', () => {
    const events = [
      event(1, 'received', '2024-03-01T02:00:00Z', 'received'),
      event(2, 'callback-recorded', '2024-03-03T03:00:00Z', 'replied', {
        satisfaction: 'unsatisfied',
        resolution: 'unsolved',
      }),
      event(3, 'reopened', '2024-03-04T03:00:00Z', 'dispatched'),
    ];
    expect(caseAt(events, year.end)?.callback).toBeNull();
  });

  it('has not happened before it was received', () => {
    expect(caseAt([event(1, 'received', '2024-08-30T02:00:00Z', 'received')], year.start)).toBeNull();
  });

  it('counts a response as due once its limit passed without a contact, whether or not the periodic pass said so', () => {
    const limit = { responseDueAt: '2024-03-02T02:00:00.000Z' };
    const neverContacted = caseAt(
      [
        event(1, 'received', '2024-03-01T02:00:00Z', 'received', limit),
        event(2, 'closed', '2024-03-05T02:00:00Z', 'closed', limit),
      ],
      year.end,
    ) as CaseAt;
    expect(responseWasDue(neverContacted, year.end)).toBe(true);
    // Before the limit, and for an event written before cases carried their limit: not (yet) due.
    expect(responseWasDue(neverContacted, new Date('2024-03-01T12:00:00Z'))).toBe(false);
    const oldEvent = caseAt([event(1, 'received', '2024-03-01T02:00:00Z', 'received')], year.end) as CaseAt;
    expect(responseWasDue(oldEvent, year.end)).toBe(false);
  });
});
