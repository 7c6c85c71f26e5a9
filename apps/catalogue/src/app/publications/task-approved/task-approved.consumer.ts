import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  ItemConfirmedV1,
  RoundsTaskApprovedV1,
  type EventEnvelope,
  type EventPayload,
} from '@gongkai/contracts';
import { PoisonMessageError, emitEvent, on, type EventConsumer, type EventContext } from '@gongkai/messaging';
import { DepartmentsRepository } from '../../departments/departments.repository';
import { ItemsRepository } from '../../items/items.repository';
import type { CatalogueTx } from '../../prisma.service';
import { PublicationsRepository } from '../publications.repository';
import { Publisher } from '../publisher';

type TaskApproved = EventPayload<typeof RoundsTaskApprovedV1>;

/**
 * An approved update-round task becomes the item's next published version, or, approved with
 * "no change", a confirmation that the item is current. Exactly once: the inbox drops a
 * redelivered event, and the unique task id on publications and confirmations drops the same
 * approval arriving as a different event (e.g. re-sent by rounds after a restore).
 */
@Injectable()
export class TaskApprovedConsumer implements EventConsumer<CatalogueTx> {
  readonly name = 'rounds-task-approved';
  readonly source = 'rounds' as const;
  // The whole task kind: this consumer is ordered by version, and a task's approval is its fourth
  // event or later (created, submitted, reviewed, …); the others move its position on.
  readonly filter = 'evt.rounds.task.>';
  readonly handlers = [
    on(RoundsTaskApprovedV1, (payload, envelope, tx: CatalogueTx) => this.apply(payload, envelope, tx)),
  ];

  constructor(
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly publisher: Publisher,
  ) {}

  private async apply(
    task: TaskApproved,
    envelope: EventEnvelope<TaskApproved>,
    tx: CatalogueTx,
  ): Promise<void> {
    const item = await this.itemsRepository.lock(tx, task.itemId);
    // Rounds only opens tasks for catalogue items, so an unknown item is a bad event: retrying cannot help.
    if (!item)
      throw new PoisonMessageError(
        `Task ${task.taskId} names item ${task.itemId}, which the catalogue does not have`,
      );
    const context: EventContext = {
      source: 'catalogue',
      actor: { kind: 'person', id: task.approvedBy },
      correlationId: envelope.correlationId,
      causationId: envelope.id,
    };
    const approvedAt = new Date(task.approvedAt);

    if (task.noChange || task.content === null) {
      if (await this.publicationsRepository.confirmationExists(tx, task.taskId)) return;
      const confirmationId = uuidv7();
      const reason = task.noChangeReason ?? 'No change';
      await this.publicationsRepository.insertConfirmation(tx, {
        id: confirmationId,
        itemId: item.id,
        taskId: task.taskId,
        roundId: task.roundId,
        reason,
        confirmedAt: approvedAt,
        confirmedBy: task.approvedBy,
      });
      await emitEvent(
        tx,
        ItemConfirmedV1,
        {
          itemId: item.id,
          itemCode: item.code,
          confirmationId,
          taskId: task.taskId,
          roundId: task.roundId,
          reason,
          confirmedAt: approvedAt.toISOString(),
        },
        { ...context, occurredAt: approvedAt },
      );
      return;
    }

    if (await this.publicationsRepository.findByTaskId(tx, task.taskId)) return;
    const department = (await this.departmentsRepository.findByIds(tx, [task.departmentId])).get(
      task.departmentId,
    );
    const draft = await this.publicationsRepository.insert(tx, {
      id: uuidv7(),
      itemId: item.id,
      state: 'secrecy_reviewed',
      source: 'round_task',
      taskId: task.taskId,
      roundId: task.roundId,
      ...task.content,
      publisher: department?.name ?? null,
      informationChangedAt: task.informationChangedAt ? new Date(task.informationChangedAt) : null,
      createdBy: context.actor,
      createdAt: approvedAt,
    });
    // The department review in the round is where secrecy is cleared (dept_reviewer); the
    // approver answers for it when the round names no separate reviewer.
    const cleared = await this.publicationsRepository.update(tx, draft.id, {
      submittedAt: approvedAt,
      submittedBy: context.actor,
      secrecyReviewer: task.secrecyReviewer ?? task.approvedBy,
      secrecyDecision: 'cleared',
      secrecyNote: task.secrecyReviewer
        ? 'Cleared in the update round'
        : 'Cleared at approval in the update round',
      secrecyReviewedBy: context.actor,
      secrecyReviewedAt: approvedAt,
    });
    const publishedAt = approvedAt > new Date() ? new Date() : approvedAt;
    const tip = await this.publicationsRepository.chainTip(tx, item.id);
    // A version published by hand after the approval keeps its place: this one goes on top of it.
    const at = tip?.publishedAt && tip.publishedAt > publishedAt ? new Date() : publishedAt;
    await this.publisher.publish(tx, { item, publication: cleared, publishedAt: at, context });
  }
}
