import { Injectable } from '@nestjs/common';
import { startOfShanghaiDay, type CalendarDate } from '@gongkai/calendar';
import type { EventContext } from '@gongkai/messaging';
import { Clock } from '@gongkai/service-kit';
import type { RoundsTx } from '../../prisma.service';
import { CatalogueItemsRepository } from '../../projections/catalogue-items.repository';
import { TaskReassignment } from '../task-reassignment';

/**
 * 责任分工 revised (evt.catalogue.responsibility.revised): rounds' copy follows, and when the
 * revision is the one now in force, the item's open tasks follow its lead department (cause
 * `responsibility_revised`), with their co-departments.
 */
@Injectable()
export class FollowResponsibilityUseCase {
  constructor(
    private readonly clock: Clock,
    private readonly catalogueItemsRepository: CatalogueItemsRepository,
    private readonly taskReassignment: TaskReassignment,
  ) {}

  async execute(
    tx: RoundsTx,
    revision: {
      itemId: string;
      leadDepartmentId: string;
      coDepartmentIds: string[];
      revisionNo: number;
      effectiveDate: CalendarDate;
    },
    version: number,
    context: { events: EventContext; causeEventId: string },
  ): Promise<void> {
    const item = await this.catalogueItemsRepository.applyResponsibility(tx, { ...revision, version });
    if (!item || item.leadDepartmentId === null) return;
    const now = this.clock.now();
    const effective = startOfShanghaiDay(revision.effectiveDate);
    await this.taskReassignment.moveItem(
      tx,
      { itemId: item.id, leadDepartmentId: item.leadDepartmentId, coDepartmentIds: item.coDepartmentIds },
      {
        cause: 'responsibility_revised',
        // A revision effective earlier is recorded as of its effective day.
        at: effective > now ? now : effective,
        now,
        events: context.events,
        causeEventId: context.causeEventId,
      },
    );
  }
}
