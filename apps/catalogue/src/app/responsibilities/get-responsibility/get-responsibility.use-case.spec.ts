import { responsibleOn } from './get-responsibility.use-case';

const history = [
  { revisionNo: 1, effectiveDate: '2024-01-01', leadDepartmentId: 'admissions' },
  { revisionNo: 2, effectiveDate: '2024-09-01', leadDepartmentId: 'academic-affairs' },
  // Recorded later for the same day: it corrects revision 2.
  { revisionNo: 3, effectiveDate: '2024-09-01', leadDepartmentId: 'graduate-school' },
  { revisionNo: 4, effectiveDate: '2025-03-01', leadDepartmentId: 'college' },
];

describe('responsibleOn', () => {
  it('is nobody before the first revision takes effect', () => {
    expect(responsibleOn(history, '2023-12-31')).toBeNull();
  });

  it('is the revision with the latest effective date not after the day, from that day on', () => {
    expect(responsibleOn(history, '2024-01-01')?.revisionNo).toBe(1);
    expect(responsibleOn(history, '2024-08-31')?.revisionNo).toBe(1);
    expect(responsibleOn(history, '2026-01-01')?.revisionNo).toBe(4);
  });

  it('takes the revision recorded last among those of the same day, whatever the order given', () => {
    expect(responsibleOn(history, '2024-09-01')?.leadDepartmentId).toBe('graduate-school');
    expect(responsibleOn([...history].reverse(), '2024-12-31')?.revisionNo).toBe(3);
  });
});
