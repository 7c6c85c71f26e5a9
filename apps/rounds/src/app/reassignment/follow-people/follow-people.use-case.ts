import { Injectable } from '@nestjs/common';
import type { BindingEndReason, IdentityChangeKind, TaskMoveCause } from '@gongkai/contracts';
import type { EventContext } from '@gongkai/messaging';
import { Clock } from '@gongkai/service-kit';
import type { RoundsTx } from '../../prisma.service';
import { PeopleRepository, ROUND_ROLES, type RoundRole } from '../../projections/people.repository';
import { TaskReassignment } from '../task-reassignment';

export interface BindingFacts {
  bindingId: string;
  subjectType: 'person' | 'client';
  subjectId: string;
  role: string;
  departmentId: string | null;
  validFrom: string;
  validTo: string | null;
}

export type BindingChange =
  | { kind: 'granted' | 'started' }
  | { kind: 'ended'; endedAt: string; endReason: BindingEndReason };

/** Why a liaison's tasks move when their binding ends. */
const CAUSE_OF_END: Record<BindingEndReason, TaskMoveCause | null> = {
  identity_change: 'liaison_transferred',
  departed: 'liaison_departed',
  expired: 'liaison_binding_ended',
  revoked: 'liaison_binding_ended',
  // The department event that ended it (merge, dissolution, split) moves the tasks, with its cause.
  reorganisation: null,
};

const CAUSE_OF_CHANGE: Partial<Record<IdentityChangeKind, TaskMoveCause>> = {
  transfer: 'liaison_transferred',
  depart: 'liaison_departed',
  leave: 'liaison_on_leave',
};

interface Cause {
  events: EventContext;
  causeEventId: string;
  /** Business time of the change. */
  at: Date;
}

/**
 * 人员身份变更 (DESIGN.md workflow 2): who holds a round role where, from permissions' binding and
 * person events, and the work that follows. A liaison whose binding ends (transfer, departure,
 * expiry, revocation) or who goes on leave hands their open tasks to another liaison of the
 * department, or the tasks are flagged (文件异常流程); a liaison appointed (or back from leave)
 * picks up the department's flagged tasks.
 */
@Injectable()
export class FollowPeopleUseCase {
  constructor(
    private readonly clock: Clock,
    private readonly peopleRepository: PeopleRepository,
    private readonly taskReassignment: TaskReassignment,
  ) {}

  async binding(
    tx: RoundsTx,
    binding: BindingFacts,
    change: BindingChange,
    version: number,
    cause: Cause,
  ): Promise<void> {
    if (binding.subjectType !== 'person' || !isRoundRole(binding.role)) return;
    const applied = await this.peopleRepository.applyBinding(tx, {
      bindingId: binding.bindingId,
      personId: binding.subjectId,
      role: binding.role,
      departmentId: binding.departmentId,
      validFrom: new Date(binding.validFrom),
      validTo: binding.validTo ? new Date(binding.validTo) : null,
      status: change.kind === 'ended' ? 'ended' : 'active',
      endedAt: change.kind === 'ended' ? new Date(change.endedAt) : null,
      version,
    });
    if (!applied || binding.role !== 'dept_liaison') return;
    const now = this.clock.now();
    if (change.kind === 'ended') {
      const moveCause = CAUSE_OF_END[change.endReason];
      if (!moveCause) return;
      await this.taskReassignment.releaseTasksOf(tx, binding.subjectId, {
        cause: moveCause,
        at: earliest(new Date(change.endedAt), now),
        now,
        events: cause.events,
        causeEventId: cause.causeEventId,
      });
      return;
    }
    if (binding.departmentId === null || new Date(binding.validFrom) > now) return;
    await this.taskReassignment.assignFlagged(tx, binding.departmentId, {
      cause: 'liaison_appointed',
      at: earliest(cause.at, now),
      now,
      events: cause.events,
      causeEventId: cause.causeEventId,
    });
  }

  async personCreated(
    tx: RoundsTx,
    person: { personId: string; name: string; departmentId: string; status: string },
    version: number,
  ): Promise<void> {
    await this.peopleRepository.applyPerson(tx, {
      id: person.personId,
      name: person.name,
      departmentId: person.departmentId,
      status: person.status,
      version,
    });
  }

  async identityChanged(
    tx: RoundsTx,
    change: {
      personId: string;
      kind: IdentityChangeKind;
      toDepartmentId: string | null;
      toStatus: string | null;
      reorganisationId: string | null;
    },
    version: number,
    cause: Cause,
  ): Promise<void> {
    await this.peopleRepository.applyPerson(tx, {
      id: change.personId,
      departmentId: change.toDepartmentId,
      status: change.toStatus,
      version,
    });
    // A reorganisation moves whole departments: its department event moves their tasks.
    if (change.reorganisationId !== null) return;
    const now = this.clock.now();
    const context = {
      at: earliest(cause.at, now),
      now,
      events: cause.events,
      causeEventId: cause.causeEventId,
    };
    const moveCause = CAUSE_OF_CHANGE[change.kind];
    if (moveCause) {
      await this.taskReassignment.releaseTasksOf(tx, change.personId, { ...context, cause: moveCause });
      return;
    }
    if (change.kind === 'return') {
      for (const departmentId of await this.peopleRepository.departmentsOf(
        tx,
        change.personId,
        'dept_liaison',
        now,
      )) {
        await this.taskReassignment.assignFlagged(tx, departmentId, {
          ...context,
          cause: 'liaison_appointed',
        });
      }
    }
  }
}

function isRoundRole(role: string): role is RoundRole {
  return (ROUND_ROLES as readonly string[]).includes(role);
}

function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
