import { Injectable } from '@nestjs/common';
import { CaseFlaggedV1, CaseMovedV1, type EventEnvelope } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { caseState } from '../cases/case-views';
import { CasesRepository, type CaseRow } from '../cases/cases.repository';
import type { ComplaintsTx } from '../prisma.service';
import { RoleHoldersRepository } from './role-holders.repository';

export type MoveCause =
  | 'handler_transferred'
  | 'handler_departed'
  | 'handler_binding_ended'
  | 'department_merged'
  | 'department_dissolved';

/**
 * Work follows people and departments (文件异常流程): a handler who is transferred, leaves or
 * loses the role hands each open case to another holder of complaint_handler in the case's lead
 * department (the one with the fewest open cases), or the case is flagged for the office when
 * nobody holds it; a merge or dissolution moves cases to the successor department. Running the
 * same event again finds nothing left to move.
 */
@Injectable()
export class WorkReassignment {
  constructor(
    private readonly casesRepository: CasesRepository,
    private readonly roleHoldersRepository: RoleHoldersRepository,
  ) {}

  async handOver(
    tx: ComplaintsTx,
    envelope: EventEnvelope,
    change: { personId: string; departmentId: string | null; cause: MoveCause },
  ): Promise<number> {
    const now = new Date(envelope.occurredAt);
    const cases = await tx.complaintCase.findMany({
      where: {
        handlerId: change.personId,
        status: { not: 'closed' },
        ...(change.departmentId ? { leadDepartmentId: change.departmentId } : {}),
      },
    });
    let moved = 0;
    for (const found of cases) {
      // A transfer arrives as a person event and a binding event, applied concurrently: the lock and
      // the check after it let exactly one of them move the case.
      const row = await this.casesRepository.lock(tx, found.id);
      if (!row || row.handlerId !== change.personId || row.status === 'closed') continue;
      moved += 1;
      const candidates = row.leadDepartmentId
        ? await this.roleHoldersRepository.holders(
            tx,
            'complaint_handler',
            row.leadDepartmentId,
            now,
            change.personId,
          )
        : [];
      const loads = await Promise.all(
        candidates.map(async (id) => ({
          id,
          open: await tx.complaintCase.count({ where: { handlerId: id, status: { not: 'closed' } } }),
        })),
      );
      loads.sort((a, b) => a.open - b.open || a.id.localeCompare(b.id));
      const next = loads[0]?.id ?? null;
      const updated = await this.casesRepository.update(
        tx,
        row.id,
        next
          ? { handlerId: next }
          : {
              handlerId: null,
              flagged: true,
              flagReason: 'Nobody in the department holds complaint_handler',
            },
        new Date(),
      );
      await this.emitMove(tx, envelope, row, updated, change.cause, next);
    }
    return moved;
  }

  async moveDepartment(
    tx: ComplaintsTx,
    envelope: EventEnvelope,
    change: { fromDepartmentIds: string[]; toDepartmentId: string | null; cause: MoveCause },
  ): Promise<number> {
    const cases = await tx.complaintCase.findMany({
      where: {
        status: { not: 'closed' },
        OR: [
          { leadDepartmentId: { in: change.fromDepartmentIds } },
          { coDepartmentIds: { hasSome: change.fromDepartmentIds } },
        ],
      },
    });
    let moved = 0;
    for (const found of cases) {
      const row = await this.casesRepository.lock(tx, found.id);
      if (!row || row.status === 'closed') continue;
      moved += 1;
      const replace = (id: string) => (change.fromDepartmentIds.includes(id) ? change.toDepartmentId : id);
      const lead = row.leadDepartmentId ? replace(row.leadDepartmentId) : null;
      const co = [
        ...new Set(row.coDepartmentIds.map(replace).filter((id): id is string => id !== null && id !== lead)),
      ];
      const flag = row.leadDepartmentId !== null && lead === null;
      const updated = await this.casesRepository.update(
        tx,
        row.id,
        {
          leadDepartmentId: lead,
          coDepartmentIds: co,
          ...(flag
            ? { flagged: true, flagReason: 'The lead department was dissolved without a successor' }
            : {}),
        },
        new Date(),
      );
      await this.emitMove(tx, envelope, row, updated, change.cause, updated.handlerId, flag);
    }
    return moved;
  }

  private async emitMove(
    tx: ComplaintsTx,
    envelope: EventEnvelope,
    before: CaseRow,
    after: CaseRow,
    cause: MoveCause,
    handlerId: string | null,
    flagged = handlerId === null && before.handlerId !== null,
  ): Promise<void> {
    const context = {
      source: 'complaints',
      actor: envelope.actor,
      correlationId: envelope.correlationId,
      causationId: envelope.id,
      occurredAt: new Date(envelope.occurredAt),
    };
    const now = new Date();
    await emitEvent(
      tx,
      CaseMovedV1,
      {
        ...caseState(after, now),
        cause,
        fromDepartmentId: before.leadDepartmentId,
        fromHandlerId: before.handlerId,
      },
      context,
    );
    if (flagged)
      await emitEvent(
        tx,
        CaseFlaggedV1,
        { ...caseState(after, now), reason: after.flagReason ?? cause },
        context,
      );
  }
}
