import { Module } from '@nestjs/common';
import { ApproveTaskHandler } from './approve-task/approve-task.handler';
import { ApproveTaskUseCase } from './approve-task/approve-task.use-case';
import { DiffTaskHandler } from './diff-task/diff-task.handler';
import { DiffTaskUseCase } from './diff-task/diff-task.use-case';
import { GetTaskHandler } from './get-task/get-task.handler';
import { GetTaskUseCase } from './get-task/get-task.use-case';
import { ListTasksHandler } from './list-tasks/list-tasks.handler';
import { ListTasksUseCase } from './list-tasks/list-tasks.use-case';
import { ReturnTaskHandler } from './return-task/return-task.handler';
import { ReturnTaskUseCase } from './return-task/return-task.use-case';
import { ReviewTaskHandler } from './review-task/review-task.handler';
import { ReviewTaskUseCase } from './review-task/review-task.use-case';
import { SubmitTaskHandler } from './submit-task/submit-task.handler';
import { SubmitTaskUseCase } from './submit-task/submit-task.use-case';
import { TaskReaders } from './task-readers';

/** Tasks: submit → review (保密审查) → approve or return; lists, one task, its diff. */
@Module({
  controllers: [
    SubmitTaskHandler,
    ReviewTaskHandler,
    ApproveTaskHandler,
    ReturnTaskHandler,
    GetTaskHandler,
    ListTasksHandler,
    DiffTaskHandler,
  ],
  providers: [
    SubmitTaskUseCase,
    ReviewTaskUseCase,
    ApproveTaskUseCase,
    ReturnTaskUseCase,
    GetTaskUseCase,
    ListTasksUseCase,
    DiffTaskUseCase,
    TaskReaders,
  ],
})
export class TasksModule {}
