import { Injectable } from '@nestjs/common';
import type { ReassignmentResult } from '@gongkai/contracts';
import type { CalendarDate } from '@gongkai/calendar';
import type { EventContext } from '@gongkai/messaging';
import { ItemsRepository } from '../items/items.repository';
import type { CatalogueTx } from '../prisma.service';
import { ResponsibilitiesRepository } from './responsibilities.repository';
import { ResponsibilityWriter } from './responsibility-writer';

export interface Reassignment {
  fromDepartmentIds: readonly string[];
  toDepartmentId: string;
  reason: string;
  effectiveDate: CalendarDate;
  reorganisationRef: string | null;
  /**
   * An item whose latest revision takes effect after `effectiveDate`: `refuse` (a request; the
   * caller picks another date) or `clamp` (an event: apply it on that item's latest date instead).
   */
  onLaterRevision: 'refuse' | 'clamp';
}

/**
 * Bulk reassignment after a merge or rename (机构改革): every item whose latest responsibility names
 * a `from` department, as lead or co-operating department, gets one revision naming `to` instead
 * (duplicates removed; `to` leads if a `from` department led). Used by the reassign-department
 * request and by the consumer of permissions' merge and dissolution events.
 */
@Injectable()
export class DepartmentReassignment {
  constructor(
    private readonly itemsRepository: ItemsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
    private readonly responsibilityWriter: ResponsibilityWriter,
  ) {}

  async apply(tx: CatalogueTx, input: Reassignment, context: EventContext): Promise<ReassignmentResult> {
    const from = new Set(input.fromDepartmentIds);
    const affected = await this.responsibilitiesRepository.latestNaming(tx, [...from]);
    const revisions = [];
    for (const latest of affected.sort((a, b) => (a.itemId < b.itemId ? -1 : 1))) {
      const item = await this.itemsRepository.lock(tx, latest.itemId);
      if (!item) continue;
      const leadDepartmentId = from.has(latest.leadDepartmentId)
        ? input.toDepartmentId
        : latest.leadDepartmentId;
      const coDepartmentIds = [
        ...new Set(latest.coDepartmentIds.map((id) => (from.has(id) ? input.toDepartmentId : id))),
      ].filter((id) => id !== leadDepartmentId);
      const effectiveDate =
        input.onLaterRevision === 'clamp' && latest.effectiveDate > input.effectiveDate
          ? latest.effectiveDate
          : input.effectiveDate;
      revisions.push(
        await this.responsibilityWriter.append(
          tx,
          item,
          {
            leadDepartmentId,
            coDepartmentIds,
            reason: input.reason,
            effectiveDate,
            trigger: 'reorganisation',
            reorganisationRef: input.reorganisationRef,
          },
          context,
        ),
      );
    }
    return { revisions, count: revisions.length };
  }
}
