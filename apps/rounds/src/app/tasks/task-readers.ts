import { Injectable } from '@nestjs/common';
import {
  DomainError,
  RoundsErrorReasons,
  type Action,
  type RequestMeta,
  type Task,
} from '@gongkai/contracts';
import { DecisionClient } from '@gongkai/decisions';

/** The actions whose holders see a task's work: its department's liaisons and reviewers, and the office. */
const WORKING_ACTIONS: readonly Action[] = [
  'rounds.task.submit',
  'rounds.task.review',
  'rounds.task.approve',
];

/**
 * Who sees what of a task (issue 9). A submission is the department's new content before the
 * office approves it, as unpublished as a publication draft: the submission, the department's
 * review, the return comments and the history (its comments and actors) are for the callers who
 * may submit, review or approve the task in its department (the disclosure office everywhere).
 * Everyone else signed in sees where the work stands (status, deadline, overdue, department,
 * published version), as the round's progress shows it. Decided with the DecisionClient, so a
 * departure or a revoked binding takes effect as it does for commands.
 */
@Injectable()
export class TaskReaders {
  constructor(private readonly decisionClient: DecisionClient) {}

  /** A reader for one request: decides each department once. */
  readerFor(meta: RequestMeta): (departmentId: string) => Promise<boolean> {
    const decided = new Map<string, Promise<boolean>>();
    return (departmentId) => {
      let sees = decided.get(departmentId);
      if (!sees) {
        sees = this.worksIn(meta, departmentId);
        decided.set(departmentId, sees);
      }
      return sees;
    };
  }

  /** The tasks as this caller may see them. */
  async shown(meta: RequestMeta, tasks: Task[]): Promise<Task[]> {
    const sees = this.readerFor(meta);
    return Promise.all(
      tasks.map(async (task) => ((await sees(task.departmentId)) ? task : withoutWork(task))),
    );
  }

  async assertSeesWorkOf(meta: RequestMeta, task: { id: string; departmentId: string; itemCode: string }) {
    if (await this.worksIn(meta, task.departmentId)) return;
    const who = meta.actor.kind === 'client' ? `API client ${meta.actor.id}` : `Person ${meta.actor.id}`;
    throw DomainError.because(
      RoundsErrorReasons.NOT_TASK_READER,
      `${who} may not read the submission of task ${task.id} (item ${task.itemCode}) of department ${task.departmentId}: ` +
        'only its liaisons and reviewers and the disclosure office may. ' +
        'Ask the disclosure office (信息公开办) if you need it.',
      { taskId: task.id, departmentId: task.departmentId },
    );
  }

  private worksIn(meta: RequestMeta, departmentId: string): Promise<boolean> {
    return this.decisionClient.allowsAny(
      { actor: meta.actor, departmentId, correlationId: meta.correlationId },
      WORKING_ACTIONS,
    );
  }
}

/** A task without its unpublished work and the people who did it. */
export function withoutWork(task: Task): Task {
  return {
    ...task,
    assigneeId: null,
    submission: null,
    review: null,
    approvedBy: null,
    lastReturnComments: null,
    moves: task.moves.map((move) => ({ ...move, fromAssigneeId: null, toAssigneeId: null })),
    history: [],
  };
}
