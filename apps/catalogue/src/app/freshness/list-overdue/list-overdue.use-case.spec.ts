import type { OverdueItem } from '@gongkai/contracts';
import { byLeadDepartment } from './list-overdue.use-case';

function overdue(code: string, leadDepartmentId: string | null, nextDueAt: string): OverdueItem {
  return {
    id: `id-${code}`,
    code,
    title: code,
    categoryCode: 'C01',
    scope: 'public',
    leadDepartmentId,
    coDepartmentIds: [],
    nextDueAt,
    dueReason: 'change_pending',
    lastPublishedAt: null,
    workingDaysOverdue: 1,
  };
}

describe('byLeadDepartment', () => {
  const names = new Map([
    ['finance', { name: '财务处' }],
    ['admissions', { name: '招生办公室' }],
  ]);

  it('groups by lead department, the one with the most overdue items first, the longest overdue first in each', () => {
    const report = byLeadDepartment(
      [
        overdue('MOE-22', 'finance', '2024-10-23T15:59:59.999Z'),
        overdue('MOE-05', 'admissions', '2024-10-01T15:59:59.999Z'),
        overdue('MOE-21', 'finance', '2024-10-23T15:59:59.999Z'),
        overdue('MOE-20', 'finance', '2024-09-30T15:59:59.999Z'),
      ],
      names,
    );
    expect(report.map((group) => [group.departmentName, group.items.map((item) => item.code)])).toEqual([
      ['财务处', ['MOE-20', 'MOE-21', 'MOE-22']],
      ['招生办公室', ['MOE-05']],
    ]);
  });

  it('keeps the items nobody is responsible for in a group of their own, and a department it cannot name unnamed', () => {
    const report = byLeadDepartment(
      [
        overdue('U-01', null, '2024-10-01T15:59:59.999Z'),
        overdue('U-02', 'gone', '2024-10-02T15:59:59.999Z'),
      ],
      names,
    );
    expect(report).toEqual([
      expect.objectContaining({ departmentId: null, departmentName: null }),
      expect.objectContaining({ departmentId: 'gone', departmentName: null }),
    ]);
  });

  it('is empty when nothing is overdue', () => {
    expect(byLeadDepartment([], names)).toEqual([]);
  });
});
