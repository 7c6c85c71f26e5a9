import { Injectable, Logger } from '@nestjs/common';
import { DepartmentDissolvedV1, DepartmentMergedV1 } from '@gongkai/contracts';
import { on, type EventConsumer } from '@gongkai/messaging';
import type { ComplaintsTx } from '../../prisma.service';
import { WorkReassignment } from '../work-reassignment';

/**
 * 机构改革: open cases of merged departments go to the target (lead and co-handling), those of a
 * dissolved department to its successor, or are flagged for the office when there is none. A
 * split names no single successor: nothing is guessed, the office re-dispatches.
 */
@Injectable()
export class DepartmentChangesConsumer implements EventConsumer<ComplaintsTx> {
  private readonly logger = new Logger(DepartmentChangesConsumer.name);
  readonly name = 'case-departments';
  readonly source = 'permissions' as const;
  readonly filter = 'evt.permissions.department.>';
  readonly handlers = [
    on(DepartmentMergedV1, async (merge, envelope, tx: ComplaintsTx) => {
      const from = merge.sourceIds.filter((id) => id !== merge.targetId);
      if (from.length === 0) return;
      const moved = await this.workReassignment.moveDepartment(tx, envelope, {
        fromDepartmentIds: from,
        toDepartmentId: merge.targetId,
        cause: 'department_merged',
      });
      if (moved > 0) this.logger.log(`Moved ${moved} open cases to merged department ${merge.targetId}`);
    }),
    on(DepartmentDissolvedV1, async (dissolution, envelope, tx: ComplaintsTx) => {
      await this.workReassignment.moveDepartment(tx, envelope, {
        fromDepartmentIds: [dissolution.departmentId],
        toDepartmentId: dissolution.successorId,
        cause: 'department_dissolved',
      });
    }),
  ];

  constructor(private readonly workReassignment: WorkReassignment) {}
}
