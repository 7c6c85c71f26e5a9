import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueErrorReasons,
  ResponsibilityRevisedV1,
  type ResponsibilityRevision,
  type RevisionTrigger,
} from '@gongkai/contracts';
import type { CalendarDate } from '@gongkai/calendar';
import { emitEvent, type EventContext } from '@gongkai/messaging';
import type { ItemRecord } from '../../items/items.repository';
import type { CatalogueTx } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { ResponsibilitiesRepository } from '../responsibilities.repository';

export interface RevisionInput {
  leadDepartmentId: string;
  coDepartmentIds: string[];
  reason: string;
  effectiveDate: CalendarDate;
  trigger: RevisionTrigger;
  reorganisationRef?: string | null;
}

/**
 * Appends a revision to an item's 责任分工 history and emits evt.catalogue.responsibility.revised,
 * a step of creating an item, revising its responsibility or reassigning a department's items:
 * it runs in their unit of work (`tx`), which holds the item's lock. History is appended in date
 * order: a revision never takes effect before the item's latest one, so the answer to "who was
 * responsible on date D" never changes after the fact.
 */
@Injectable()
export class AppendRevisionUseCase {
  constructor(private readonly responsibilitiesRepository: ResponsibilitiesRepository) {}

  async execute(
    tx: CatalogueTx,
    input: { item: ItemRecord; revision: RevisionInput; context: EventContext },
  ): Promise<ResponsibilityRevision> {
    const { item, revision: wanted, context } = input;
    const previous = await this.responsibilitiesRepository.latest(tx, item.id);
    if (previous && wanted.effectiveDate < previous.effectiveDate) {
      throw CatalogueErrors.wrongState(
        CatalogueErrorReasons.RESPONSIBILITY_OUT_OF_ORDER,
        `Item ${item.code} already has revision ${previous.revisionNo} effective ${previous.effectiveDate}; ` +
          'a new revision cannot take effect before it. Use that date or a later one.',
        { itemId: item.id, latestEffectiveDate: previous.effectiveDate },
      );
    }
    const revision = await this.responsibilitiesRepository.insert(tx, {
      id: uuidv7(),
      itemId: item.id,
      revisionNo: (await this.responsibilitiesRepository.lastRevisionNo(tx, item.id)) + 1,
      leadDepartmentId: wanted.leadDepartmentId,
      coDepartmentIds: wanted.coDepartmentIds,
      reason: wanted.reason,
      effectiveDate: wanted.effectiveDate,
      trigger: wanted.trigger,
      reorganisationRef: wanted.reorganisationRef ?? null,
      recordedBy: context.actor,
    });
    await emitEvent(
      tx,
      ResponsibilityRevisedV1,
      {
        itemId: item.id,
        itemCode: item.code,
        revisionId: revision.id,
        revisionNo: revision.revisionNo,
        leadDepartmentId: revision.leadDepartmentId,
        coDepartmentIds: revision.coDepartmentIds,
        previousLeadDepartmentId: previous?.leadDepartmentId ?? null,
        previousCoDepartmentIds: previous?.coDepartmentIds ?? [],
        reason: revision.reason,
        effectiveDate: revision.effectiveDate,
        trigger: revision.trigger,
        reorganisationRef: revision.reorganisationRef,
      },
      context,
    );
    return revision;
  }
}
