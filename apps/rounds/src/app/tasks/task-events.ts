import type { TaskRecord } from './tasks.repository';

export type TaskStateSource = Pick<
  TaskRecord,
  'id' | 'roundId' | 'itemId' | 'itemCode' | 'departmentId' | 'assigneeId' | 'status' | 'deadline'
>;

/** What every task event carries (TaskStateSchema): the task as it is after the event. */
export function taskState(task: TaskStateSource) {
  return {
    taskId: task.id,
    roundId: task.roundId,
    itemId: task.itemId,
    itemCode: task.itemCode,
    departmentId: task.departmentId,
    assigneeId: task.assigneeId,
    status: task.status,
    deadline: task.deadline,
  };
}
