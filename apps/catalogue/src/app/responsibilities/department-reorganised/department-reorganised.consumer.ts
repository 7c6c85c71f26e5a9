import { Injectable, Logger } from '@nestjs/common';
import {
  DepartmentDissolvedV1,
  DepartmentMergedV1,
  DepartmentRenamedV1,
  DepartmentSplitV1,
  type EventEnvelope,
} from '@gongkai/contracts';
import { on, type EventConsumer } from '@gongkai/messaging';
import type { CatalogueTx } from '../../prisma.service';
import { DepartmentReassignment, type Reassignment } from '../department-reassignment';

/**
 * 机构改革 → 责任分工: when permissions merges, renames or dissolves departments, every catalogue
 * item they are responsible for gets a revision on the reorganisation's effective date, with its
 * reason (one revision per item, emitted as evt.catalogue.responsibility.revised).
 * - merged: the sources are replaced by the target;
 * - dissolved with a successor: replaced by the successor;
 * - renamed: the department keeps its id, so the entry keeps its departments, but the revision
 *   records that the responsible unit's name changed on that date;
 * - split, or dissolved without a successor: no single successor, so nothing is guessed; the
 *   office revises those items by hand (they are logged here).
 * The inbox makes a redelivery a no-op; running the same reassignment twice finds nothing left.
 */
@Injectable()
export class DepartmentReorganisedConsumer implements EventConsumer<CatalogueTx> {
  private readonly logger = new Logger(DepartmentReorganisedConsumer.name);
  readonly name = 'responsibility-reorganisation';
  readonly source = 'permissions' as const;
  readonly filter = 'evt.permissions.department.>';
  readonly handlers = [
    on(DepartmentMergedV1, (merge, envelope, tx: CatalogueTx) =>
      this.reassign(tx, envelope, {
        fromDepartmentIds: merge.sourceIds.filter((id) => id !== merge.targetId),
        toDepartmentId: merge.targetId,
        reason: merge.reason,
        effectiveDate: merge.effectiveDate,
        reorganisationRef: `reorganisation:${merge.reorganisationId}`,
      }),
    ),
    on(DepartmentDissolvedV1, async (dissolution, envelope, tx: CatalogueTx) => {
      if (!dissolution.successorId) {
        this.logger.warn(
          `Department ${dissolution.departmentId} was dissolved without a successor: revise its catalogue items by hand`,
        );
        return;
      }
      await this.reassign(tx, envelope, {
        fromDepartmentIds: [dissolution.departmentId],
        toDepartmentId: dissolution.successorId,
        reason: dissolution.reason,
        effectiveDate: dissolution.effectiveDate,
        reorganisationRef: `reorganisation:${dissolution.reorganisationId}`,
      });
    }),
    on(DepartmentRenamedV1, (rename, envelope, tx: CatalogueTx) =>
      this.reassign(tx, envelope, {
        fromDepartmentIds: [rename.departmentId],
        toDepartmentId: rename.departmentId,
        reason: `${rename.previousName} 更名为 ${rename.name}：${rename.reason}`,
        effectiveDate: rename.effectiveDate,
        reorganisationRef: `reorganisation:${rename.reorganisationId}`,
      }),
    ),
    on(DepartmentSplitV1, async (split) => {
      this.logger.warn(
        `Department ${split.sourceId} was split into ${split.targetIds.join(', ')}: revise its catalogue items by hand`,
      );
    }),
  ];

  constructor(private readonly departmentReassignment: DepartmentReassignment) {}

  private async reassign(
    tx: CatalogueTx,
    envelope: EventEnvelope,
    reassignment: Omit<Reassignment, 'onLaterRevision'>,
  ): Promise<void> {
    if (reassignment.fromDepartmentIds.length === 0) return;
    await this.departmentReassignment.apply(
      tx,
      // An event cannot be refused: an item revised later than the reorganisation's date gets it on that later date.
      { ...reassignment, onLaterRevision: 'clamp' },
      {
        source: 'catalogue',
        actor: envelope.actor,
        correlationId: envelope.correlationId,
        causationId: envelope.id,
      },
    );
  }
}
