import { Injectable } from '@nestjs/common';
import { BindingEndedV1, BindingGrantedV1, BindingStartedV1, type EventEnvelope } from '@gongkai/contracts';
import { on, type EventConsumer } from '@gongkai/messaging';
import type { ComplaintsTx } from '../../prisma.service';
import { RoleHoldersRepository } from '../role-holders.repository';
import { WorkReassignment } from '../work-reassignment';

type Binding = {
  bindingId: string;
  subjectType: string;
  subjectId: string;
  role: string;
  departmentId: string | null;
  validFrom: string;
  validTo: string | null;
};

/**
 * Who holds which role where, from evt.permissions.binding.* (each binding's newest version wins,
 * so arrival order does not matter). A handler whose binding ended (revoked, expired, departed,
 * transferred) hands their open cases in that department over; a binding moved by a
 * reorganisation is left to the department consumer, which moves the cases with it.
 */
@Injectable()
export class RoleHoldersConsumer implements EventConsumer<ComplaintsTx> {
  readonly name = 'role-holders';
  readonly source = 'permissions' as const;
  readonly filter = 'evt.permissions.binding.>';
  readonly ordering = 'independent' as const;
  readonly handlers = [
    on(BindingGrantedV1, (binding, envelope, tx: ComplaintsTx) => this.keep(tx, binding, envelope, true)),
    on(BindingStartedV1, (binding, envelope, tx: ComplaintsTx) => this.keep(tx, binding, envelope, true)),
    on(BindingEndedV1, async (binding, envelope, tx: ComplaintsTx) => {
      await this.keep(tx, binding, envelope, false);
      if (binding.role !== 'complaint_handler' || binding.subjectType !== 'person') return;
      if (binding.endReason === 'reorganisation') return;
      await this.workReassignment.handOver(tx, envelope, {
        personId: binding.subjectId,
        departmentId: binding.departmentId,
        cause:
          binding.endReason === 'departed'
            ? 'handler_departed'
            : binding.endReason === 'identity_change'
              ? 'handler_transferred'
              : 'handler_binding_ended',
      });
    }),
  ];

  constructor(
    private readonly roleHoldersRepository: RoleHoldersRepository,
    private readonly workReassignment: WorkReassignment,
  ) {}

  private keep(tx: ComplaintsTx, binding: Binding, envelope: EventEnvelope, active: boolean): Promise<void> {
    return this.roleHoldersRepository.upsert(tx, {
      bindingId: binding.bindingId,
      subjectType: binding.subjectType,
      subjectId: binding.subjectId,
      role: binding.role,
      departmentId: binding.departmentId,
      validFrom: new Date(binding.validFrom),
      validTo: binding.validTo ? new Date(binding.validTo) : null,
      active,
      version: envelope.aggregateVersion,
    });
  }
}
