import { Injectable } from '@nestjs/common';
import { DomainError, RoundsErrorReasons, type RequestMeta } from '@gongkai/contracts';
import { DecisionClient } from '@gongkai/decisions';

/** The task commands only a task's own department may do, and what refusing each says. */
const DEPARTMENT_STEPS = {
  'rounds.task.submit': {
    reason: RoundsErrorReasons.NOT_TASK_LIAISON,
    who: 'a liaison (dept_liaison, 信息员)',
  },
  'rounds.task.review': {
    reason: RoundsErrorReasons.NOT_TASK_REVIEWER,
    who: 'a reviewer (dept_reviewer, 部门审核人)',
  },
} as const;

export type DepartmentStep = keyof typeof DEPARTMENT_STEPS;

/**
 * Submitting and reviewing are decided for the task's department, which only rounds knows: the
 * gateway forwards these routes undecided (`departmentFrom: 'service'`, their handlers marked
 * `@DecidesPermission()`) and this asks the DecisionClient (@gongkai/decisions: the bootstrap
 * rule, permissions.decisions.check, a cache the permissions events invalidate) before anything
 * changes; when permissions cannot be asked, nothing is done (never an allow on error). A school-wide binding (the disclosure office) covers every department, so
 * the office can work a flagged task itself.
 */
@Injectable()
export class TaskAccess {
  constructor(private readonly decisionClient: DecisionClient) {}

  async assertMay(
    meta: RequestMeta,
    action: DepartmentStep,
    task: { id: string; departmentId: string; itemCode: string },
    /** The command's `occurredAt`, when back-dated: decided as things stood then. */
    at?: string,
  ): Promise<void> {
    const decision = await this.decisionClient.check({
      actor: meta.actor,
      action,
      departmentId: task.departmentId,
      correlationId: meta.correlationId,
      ...(at ? { at } : {}),
    });
    if (decision.allow) return;
    const step = DEPARTMENT_STEPS[action];
    const who = meta.actor.kind === 'client' ? `API client ${meta.actor.id}` : `Person ${meta.actor.id}`;
    throw DomainError.because(
      step.reason,
      `${who} may not ${action} task ${task.id} (item ${task.itemCode}) of department ${task.departmentId}: ` +
        `${decision.reason.replace(/[.!?]?$/, '')}. Only ${step.who} of that department, or the disclosure office, may; ` +
        'ask the disclosure office (信息公开办) for the role there.',
      { taskId: task.id, action, departmentId: task.departmentId, reason: decision.reason },
    );
  }
}
