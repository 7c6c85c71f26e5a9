import { Injectable } from '@nestjs/common';
import type { ReassignmentResult, ResponsibilityRevision } from '@gongkai/contracts';
import type { CalendarDate } from '@gongkai/calendar';
import type { EventContext } from '@gongkai/messaging';
import { ItemsRepository } from '../../items/items.repository';
import type { CatalogueTx } from '../../prisma.service';
import { AppendRevisionUseCase, type RevisionInput } from '../append-revision/append-revision.use-case';
import { ResponsibilitiesRepository } from '../responsibilities.repository';

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
 * a `from` department, as lead or co-operating department, gets one revision naming `to` instead.
 * A step of the reassign-department request and of the consumer of permissions' reorganisation
 * events, in their unit of work (`tx`).
 */
@Injectable()
export class ReassignItemsUseCase {
  constructor(
    private readonly itemsRepository: ItemsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
    private readonly appendRevision: AppendRevisionUseCase,
  ) {}

  async execute(
    tx: CatalogueTx,
    input: { reassignment: Reassignment; context: EventContext },
  ): Promise<ReassignmentResult> {
    const { reassignment, context } = input;
    const affected = await this.responsibilitiesRepository.latestNaming(tx, [
      ...new Set(reassignment.fromDepartmentIds),
    ]);
    const revisions = [];
    for (const latest of affected.sort((a, b) => (a.itemId < b.itemId ? -1 : 1))) {
      const item = await this.itemsRepository.lock(tx, latest.itemId);
      if (!item) continue;
      revisions.push(
        await this.appendRevision.execute(tx, {
          item,
          revision: reassignedRevision(latest, reassignment),
          context,
        }),
      );
    }
    return { revisions, count: revisions.length };
  }
}

/**
 * The revision replacing `from` by `to` in an item's latest one: `to` leads if a `from`
 * department led, co-operates if one co-operated (named once, never besides itself as lead).
 * Clamped, it takes effect no earlier than the item's latest revision.
 */
export function reassignedRevision(
  latest: Pick<ResponsibilityRevision, 'leadDepartmentId' | 'coDepartmentIds' | 'effectiveDate'>,
  reassignment: Reassignment,
): RevisionInput {
  const from = new Set(reassignment.fromDepartmentIds);
  const leadDepartmentId = from.has(latest.leadDepartmentId)
    ? reassignment.toDepartmentId
    : latest.leadDepartmentId;
  const coDepartmentIds = [
    ...new Set(latest.coDepartmentIds.map((id) => (from.has(id) ? reassignment.toDepartmentId : id))),
  ].filter((id) => id !== leadDepartmentId);
  const effectiveDate =
    reassignment.onLaterRevision === 'clamp' && latest.effectiveDate > reassignment.effectiveDate
      ? latest.effectiveDate
      : reassignment.effectiveDate;
  return {
    leadDepartmentId,
    coDepartmentIds,
    reason: reassignment.reason,
    effectiveDate,
    trigger: 'reorganisation',
    reorganisationRef: reassignment.reorganisationRef,
  };
}
