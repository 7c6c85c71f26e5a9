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
  readonly filter = 'evt.rounds.task.approved.>';
  readonly handlers = [
    on(RoundsTaskApprovedV1, (task, envelope, tx: CatalogueTx) =>
      this.taskApproved.execute(tx, { task, envelope }),
    ),
  ];

  constructor(private readonly taskApproved: TaskApprovedUseCase) {}
}
