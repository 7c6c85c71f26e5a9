import { Injectable, Logger } from '@nestjs/common';
import type {
  DepartmentDissolvedV1,
  DepartmentMergedV1,
  DepartmentRenamedV1,
  DepartmentSplitV1,
  EventEnvelope,
  EventPayload,
} from '@gongkai/contracts';
import type { CatalogueTx } from '../../prisma.service';
import { eventContext } from '../../shared/event-context';
import { ReassignItemsUseCase, type Reassignment } from '../reassign-items/reassign-items.use-case';

/** One of permissions' reorganisation events, as the catalogue tells them apart. */
export type DepartmentReorganisation =
  | { kind: 'merged'; event: EventPayload<typeof DepartmentMergedV1> }
  | { kind: 'dissolved'; event: EventPayload<typeof DepartmentDissolvedV1> }
  | { kind: 'renamed'; event: EventPayload<typeof DepartmentRenamedV1> }
  | { kind: 'split'; event: EventPayload<typeof DepartmentSplitV1> };

/**
 * 机构改革 → 责任分工: when permissions merges, renames or dissolves departments, every catalogue
 * item they are responsible for gets a revision on the reorganisation's effective date, with its
 * reason (one revision per item, emitted as evt.catalogue.responsibility.revised). Runs in the
 * consumer's transaction (`tx`), with its inbox row.
 */
@Injectable()
export class DepartmentReorganisedUseCase {
  private readonly logger = new Logger(DepartmentReorganisedUseCase.name);

  constructor(private readonly reassignItems: ReassignItemsUseCase) {}

  async execute(
    tx: CatalogueTx,
    input: { reorganisation: DepartmentReorganisation; envelope: EventEnvelope },
  ): Promise<void> {
    const outcome = reassignmentFor(input.reorganisation);
    if ('byHand' in outcome) {
      this.logger.warn(outcome.byHand);
      return;
    }
    if (outcome.fromDepartmentIds.length === 0) return;
    await this.reassignItems.execute(tx, { reassignment: outcome, context: eventContext(input.envelope) });
  }
}

/**
 * What a reorganisation means for responsibilities:
 * - merged: the sources (other than the target) are replaced by the target;
 * - dissolved with a successor: replaced by the successor;
 * - renamed: the department keeps its id, so the entry keeps its departments, but the revision
 *   records that the responsible unit's name changed on that date;
 * - split, or dissolved without a successor: no single successor, so nothing is guessed; the
 *   office revises those items by hand (`byHand` says which).
 * An event cannot be refused: an item revised later than the reorganisation's date gets it on
 * that later date (`clamp`). Running the same reassignment twice finds nothing left to change.
 */
export function reassignmentFor(reorganisation: DepartmentReorganisation): Reassignment | { byHand: string } {
  switch (reorganisation.kind) {
    case 'merged': {
      const merge = reorganisation.event;
      return {
        fromDepartmentIds: merge.sourceIds.filter((id) => id !== merge.targetId),
        toDepartmentId: merge.targetId,
        reason: merge.reason,
        effectiveDate: merge.effectiveDate,
        reorganisationRef: `reorganisation:${merge.reorganisationId}`,
        onLaterRevision: 'clamp',
      };
    }
    case 'dissolved': {
      const dissolution = reorganisation.event;
      if (!dissolution.successorId) {
        return {
          byHand: `Department ${dissolution.departmentId} was dissolved without a successor: revise its catalogue items by hand`,
        };
      }
      return {
        fromDepartmentIds: [dissolution.departmentId],
        toDepartmentId: dissolution.successorId,
        reason: dissolution.reason,
        effectiveDate: dissolution.effectiveDate,
        reorganisationRef: `reorganisation:${dissolution.reorganisationId}`,
        onLaterRevision: 'clamp',
      };
    }
    case 'renamed': {
      const rename = reorganisation.event;
      return {
        fromDepartmentIds: [rename.departmentId],
        toDepartmentId: rename.departmentId,
        reason: `${rename.previousName} 更名为 ${rename.name}：${rename.reason}`,
        effectiveDate: rename.effectiveDate,
        reorganisationRef: `reorganisation:${rename.reorganisationId}`,
        onLaterRevision: 'clamp',
      };
    }
    case 'split': {
      const split = reorganisation.event;
      return {
        byHand: `Department ${split.sourceId} was split into ${split.targetIds.join(', ')}: revise its catalogue items by hand`,
      };
    }
  }
}
