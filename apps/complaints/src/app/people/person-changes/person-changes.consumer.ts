import { Injectable } from '@nestjs/common';
import { PersonIdentityChangedV1 } from '@gongkai/contracts';
import { on, type EventConsumer } from '@gongkai/messaging';
import type { ComplaintsTx } from '../../prisma.service';
import { WorkReassignment } from '../work-reassignment';

/**
 * 人员身份变更: a handler transferred away from a department hands over its open cases there; one
 * who departs hands over all of them (their bindings' end events find nothing left afterwards).
 */
@Injectable()
export class PersonChangesConsumer implements EventConsumer<ComplaintsTx> {
  readonly name = 'person-changes';
  readonly source = 'permissions' as const;
  readonly filter = 'evt.permissions.person.>';
  readonly handlers = [
    on(PersonIdentityChangedV1, async (change, envelope, tx: ComplaintsTx) => {
      if (change.reorganisationId) return;
      if (change.kind === 'transfer' && change.fromDepartmentId) {
        await this.workReassignment.handOver(tx, envelope, {
          personId: change.personId,
          departmentId: change.fromDepartmentId,
          cause: 'handler_transferred',
        });
      }
      if (change.kind === 'depart') {
        await this.workReassignment.handOver(tx, envelope, {
          personId: change.personId,
          departmentId: null,
          cause: 'handler_departed',
        });
      }
    }),
  ];

  constructor(private readonly workReassignment: WorkReassignment) {}
}
