import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  ItemConfirmedV1,
  type EventEnvelope,
  type EventPayload,
  type RoundsTaskApprovedV1,
} from '@gongkai/contracts';
import { PoisonMessageError, emitEvent, type EventContext } from '@gongkai/messaging';
import { Clock } from '@gongkai/service-kit';
import { DepartmentsRepository } from '../../departments/departments.repository';
import { ItemsRepository, type ItemRecord } from '../../items/items.repository';
import type { CatalogueTx } from '../../prisma.service';
import { eventContext } from '../../shared/event-context';
import { PublicationsRepository } from '../publications.repository';
import { PublishVersionUseCase } from '../publish-version/publish-version.use-case';

export type TaskApproved = EventPayload<typeof RoundsTaskApprovedV1>;

/**
 * An approved update-round task becomes the item's next published version, or, approved with
 * "no change", a confirmation that the item is current. Runs in the consumer's transaction
 * (`tx`), with its inbox row. Exactly once: the inbox drops a redelivered event, and the unique
 * task id on publications and confirmations drops the same approval arriving as a different
 * event (e.g. re-sent by rounds after a restore).
 */
@Injectable()
export class TaskApprovedUseCase {
  constructor(
    private readonly clock: Clock,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly publishVersion: PublishVersionUseCase,
  ) {}

  async execute(tx: CatalogueTx, input: { task: TaskApproved; envelope: EventEnvelope }): Promise<void> {
    const { task, envelope } = input;
    const item = await this.itemsRepository.lock(tx, task.itemId);
    // Rounds only opens tasks for catalogue items, so an unknown item is a bad event: retrying cannot help.
    if (!item)
      throw new PoisonMessageError(
        `Task ${task.taskId} names item ${task.itemId}, which the catalogue does not have`,
      );
    const context = eventContext(envelope, { kind: 'person', id: task.approvedBy });
    if (task.noChange || task.content === null) {
      await this.confirm(tx, item, task, context);
    } else {
      await this.publish(tx, item, { ...task, content: task.content }, context);
    }
  }

  private async confirm(tx: CatalogueTx, item: ItemRecord, task: TaskApproved, context: EventContext) {
    if (await this.publicationsRepository.confirmationExists(tx, task.taskId)) return;
    const approvedAt = new Date(task.approvedAt);
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
  }

  private async publish(
    tx: CatalogueTx,
    item: ItemRecord,
    task: TaskApproved & { content: NonNullable<TaskApproved['content']> },
    context: EventContext,
  ) {
    if (await this.publicationsRepository.findByTaskId(tx, task.taskId)) return;
    const approvedAt = new Date(task.approvedAt);
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
    const tip = await this.publicationsRepository.chainTip(tx, item.id);
    await this.publishVersion.execute(tx, {
      item,
      publication: cleared,
      publishedAt: approvalPublishedAt({
        approvedAt,
        tipPublishedAt: tip?.publishedAt ?? null,
        now: this.clock.now(),
      }),
      context,
    });
  }
}

/**
 * When an approved task's version goes out: at the approval, never in the future (rounds' clock
 * may run ahead of ours). A version published by hand after the approval keeps its place: this
 * one goes on top of it, now.
 */
export function approvalPublishedAt(input: {
  approvedAt: Date;
  tipPublishedAt: Date | null;
  now: Date;
}): Date {
  const { approvedAt, tipPublishedAt, now } = input;
  const publishedAt = approvedAt > now ? now : approvedAt;
  return tipPublishedAt && tipPublishedAt > publishedAt ? now : publishedAt;
}
