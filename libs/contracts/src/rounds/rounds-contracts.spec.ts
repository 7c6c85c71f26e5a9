import { findEventDefinition } from '../common/event-registry';
import { CloseRoundSchema, CreateRoundSchema, RoundScopeSchema } from './rounds';
import { RoundsEvents } from './events';
import { ReviewTaskSchema, SubmitTaskSchema } from './task-schemas';

const content = {
  title: '2024年本科招生章程',
  summary: '',
  body: '第一条 …',
  documents: [],
  attachments: [],
  channels: ['disclosure_site'],
};

describe('rounds contracts', () => {
  const round = {
    name: '2024年春季信息公开目录更新',
    academicYear: '2023-2024',
    half: 'spring',
    noticeText: '各单位：请于截止日期前完成本单位负责事项的更新。',
    noticeDate: '2024-06-03',
    deadline: { workingDaysAfterNotice: 10 },
  };

  it('takes a round with every default, and refuses an academic year whose years do not follow', () => {
    expect(CreateRoundSchema.parse(round)).toMatchObject({ scope: {}, reminderWorkingDaysBefore: [3, 1] });
    expect(CreateRoundSchema.safeParse({ ...round, academicYear: '2023-2025' }).success).toBe(false);
    expect(
      CreateRoundSchema.safeParse({ ...round, deadline: { date: '2024-06-20', workingDaysAfterNotice: 3 } })
        .success,
    ).toBe(false);
  });

  it('reads a scope as every item, some categories or some items, nothing else', () => {
    expect(RoundScopeSchema.parse({})).toEqual({});
    expect(RoundScopeSchema.parse({ categoryCodes: ['01'] })).toEqual({ categoryCodes: ['01'] });
    expect(RoundScopeSchema.safeParse({ categoryCodes: [], itemIds: [] }).success).toBe(false);
    expect(RoundScopeSchema.safeParse({ departments: ['x'] }).success).toBe(false);
  });

  it('asks for content, or "no change" with a reason, never both', () => {
    const taskId = '0190a6f2-0000-7000-8000-000000000001';
    expect(SubmitTaskSchema.safeParse({ taskId, content }).success).toBe(true);
    expect(
      SubmitTaskSchema.safeParse({ taskId, noChange: true, noChangeReason: '本学期无变化' }).success,
    ).toBe(true);
    const paths = (body: unknown) =>
      SubmitTaskSchema.safeParse(body).error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths({ taskId })).toEqual(['content']);
    expect(paths({ taskId, noChange: true })).toEqual(['noChangeReason']);
    expect(paths({ taskId, noChange: true, noChangeReason: '无', content })).toEqual(['content']);
  });

  it('wants comments when the secrecy check fails, and a reason to force a round closed', () => {
    const taskId = '0190a6f2-0000-7000-8000-000000000001';
    expect(
      ReviewTaskSchema.safeParse({ taskId, secrecyReviewerName: '王老师', secrecyDecision: 'not_cleared' })
        .success,
    ).toBe(false);
    expect(CloseRoundSchema.safeParse({ roundId: taskId, force: true }).success).toBe(false);
    expect(CloseRoundSchema.safeParse({ roundId: taskId, force: true, reason: '学期结束' }).success).toBe(
      true,
    );
  });

  it('registers every rounds event under its subject', () => {
    for (const definition of Object.values(RoundsEvents)) {
      expect(definition.subject).toMatch(/^evt\.rounds\.(round|task)\.[a-z-]+\.v1$/);
      expect(findEventDefinition(definition.type, 1)).toBe(definition);
    }
  });
});
