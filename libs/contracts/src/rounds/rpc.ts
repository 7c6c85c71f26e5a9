import { defineRpc } from '../common/rpc-definition';
import {
  CloseRoundSchema,
  CreateRoundSchema,
  GetRoundSchema,
  ListRoundsQuerySchema,
  OpenRoundSchema,
  RoundPageSchema,
  RoundProgressSchema,
  RoundSchema,
} from './rounds';
import {
  ApproveTaskSchema,
  GetTaskSchema,
  ListTasksQuerySchema,
  ReturnTaskSchema,
  ReviewTaskSchema,
  SubmitTaskSchema,
  TaskDiffSchema,
  TaskPageSchema,
  TaskSchema,
} from './task-schemas';

/** Every request/reply operation the rounds service answers (`rounds.<aggregate>.<verb>`). */
export const RoundsRpc = {
  createRound: defineRpc({ subject: 'rounds.rounds.create', request: CreateRoundSchema, reply: RoundSchema }),
  getRound: defineRpc({ subject: 'rounds.rounds.get', request: GetRoundSchema, reply: RoundSchema }),
  listRounds: defineRpc({
    subject: 'rounds.rounds.list',
    request: ListRoundsQuerySchema,
    reply: RoundPageSchema,
  }),
  openRound: defineRpc({ subject: 'rounds.rounds.open', request: OpenRoundSchema, reply: RoundSchema }),
  closeRound: defineRpc({ subject: 'rounds.rounds.close', request: CloseRoundSchema, reply: RoundSchema }),
  roundProgress: defineRpc({
    subject: 'rounds.rounds.progress',
    request: GetRoundSchema,
    reply: RoundProgressSchema,
  }),
  listTasks: defineRpc({
    subject: 'rounds.tasks.list',
    request: ListTasksQuerySchema,
    reply: TaskPageSchema,
  }),
  getTask: defineRpc({ subject: 'rounds.tasks.get', request: GetTaskSchema, reply: TaskSchema }),
  diffTask: defineRpc({ subject: 'rounds.tasks.diff', request: GetTaskSchema, reply: TaskDiffSchema }),
  submitTask: defineRpc({ subject: 'rounds.tasks.submit', request: SubmitTaskSchema, reply: TaskSchema }),
  reviewTask: defineRpc({ subject: 'rounds.tasks.review', request: ReviewTaskSchema, reply: TaskSchema }),
  approveTask: defineRpc({ subject: 'rounds.tasks.approve', request: ApproveTaskSchema, reply: TaskSchema }),
  returnTask: defineRpc({ subject: 'rounds.tasks.return', request: ReturnTaskSchema, reply: TaskSchema }),
} as const;
