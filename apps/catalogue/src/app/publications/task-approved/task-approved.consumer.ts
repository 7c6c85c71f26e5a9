import { Injectable } from '@nestjs/common';
import { RoundsTaskApprovedV1 } from '@gongkai/contracts';
import { on, type EventConsumer } from '@gongkai/messaging';
import type { CatalogueTx } from '../../prisma.service';
import { TaskApprovedUseCase } from './task-approved.use-case';

/** rounds' approved update-round tasks: a published version each, or a "no change" confirmation. */
@Injectable()
export class TaskApprovedConsumer implements EventConsumer<CatalogueTx> {
  readonly name = 'rounds-task-approved';
  readonly source = 'rounds' as const;
  // The whole task kind: this consumer is ordered by version, and a task's approval is its fourth
  // event or later (created, submitted, reviewed, …); the others move its position on.
  readonly filter = 'evt.rounds.task.>';
  readonly handlers = [
    on(RoundsTaskApprovedV1, (task, envelope, tx: CatalogueTx) =>
      this.taskApproved.execute(tx, { task, envelope }),
    ),
  ];

  constructor(private readonly taskApproved: TaskApprovedUseCase) {}
}
