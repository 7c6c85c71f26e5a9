import { DomainError, TASK_STATUSES, type TaskStatus } from '@gongkai/contracts';
import { assertNotBeforePrevious, assertStepAllowed, isLate, isOverdue, type TaskStep } from './task-rules';

const TASK_ID = '0190b3a4-7c1e-7c3a-8f00-00000000a001';
const DEPARTMENT = '0190b3a4-7c1e-7c3a-8f00-00000000d001';

function refusal(status: TaskStatus, step: TaskStep): DomainError | null {
  try {
    assertStepAllowed({ id: TASK_ID, status, itemCode: 'MOE-07', departmentId: DEPARTMENT }, step);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

describe('the task state machine', () => {
  it('allows pending → submitted → reviewed → approved, and returns from submitted or reviewed', () => {
    const allowed = (step: TaskStep) => TASK_STATUSES.filter((status) => refusal(status, step) === null);
    expect(allowed('submit')).toEqual(['pending']);
    expect(allowed('review')).toEqual(['submitted']);
    expect(allowed('approve')).toEqual(['reviewed']);
    expect(allowed('return')).toEqual(['submitted', 'reviewed']);
  });

  it('refuses approving a task not reviewed with a 409 that says what must happen first', () => {
    const submitted = refusal('submitted', 'approve');
    expect(submitted).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'TASK_WRONG_STATE' });
    expect(submitted?.message).toBe(
      `Task ${TASK_ID} (item MOE-07) cannot be approved now: it is submitted but not reviewed: ` +
        `a reviewer of department ${DEPARTMENT} must review it with the secrecy sign-off (POST /tasks/${TASK_ID}/review) ` +
        'before the office approves it',
    );
    expect(refusal('pending', 'approve')?.message).toMatch(
      /has not been submitted: a liaison of department .+ must submit it \(POST \/tasks\/.+\/submit\), then a reviewer .+ before the office approves it/,
    );
    expect(refusal('published', 'approve')?.message).toMatch(/already approved and published/);
    expect(refusal('approved', 'return')?.message).toMatch(/already approved/);
    expect(refusal('reviewed', 'submit')?.details).toEqual({
      taskId: TASK_ID,
      status: 'reviewed',
      step: 'submit',
      allowedFrom: ['pending'],
    });
  });
});

describe('overdue and late, on the Asia/Shanghai calendar', () => {
  it('is late when the submission’s Beijing date is after the deadline, even when its UTC date is not', () => {
    expect(isLate(new Date('2024-06-14T23:30:00+08:00'), '2024-06-14')).toBe(false);
    // 07:00 in Beijing on the 15th is still the 14th in UTC.
    expect(isLate(new Date('2024-06-15T07:00:00+08:00'), '2024-06-14')).toBe(true);
  });

  it('is overdue when not submitted after the deadline day, or submitted late', () => {
    const pending = { status: 'pending' as const, lateSubmission: false, deadline: '2024-06-14' };
    expect(isOverdue(pending, '2024-06-14')).toBe(false);
    expect(isOverdue(pending, '2024-06-15')).toBe(true);
    expect(isOverdue({ ...pending, status: 'submitted' }, '2024-07-01')).toBe(false);
    expect(isOverdue({ ...pending, status: 'published', lateSubmission: true }, '2024-06-10')).toBe(true);
  });

  it('refuses a step dated before the step it follows, at occurredAt', () => {
    const submitted = new Date('2024-06-14T10:00:00+08:00');
    expect(() =>
      assertNotBeforePrevious(new Date('2024-06-14T10:00:00+08:00'), submitted, 'x'),
    ).not.toThrow();
    expect(() => assertNotBeforePrevious(new Date('2024-06-14T09:00:00+08:00'), null, 'x')).not.toThrow();
    expect(() =>
      assertNotBeforePrevious(new Date('2024-06-14T09:59:00+08:00'), submitted, 'the task was submitted'),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        reason: 'STEP_BEFORE_PREVIOUS_STEP',
        details: [expect.objectContaining({ path: ['body', 'occurredAt'] })],
      }),
    );
  });
});
