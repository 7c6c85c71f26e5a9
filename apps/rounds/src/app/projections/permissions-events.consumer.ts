import { Injectable } from '@nestjs/common';
import {
  BindingEndedV1,
  BindingGrantedV1,
  BindingStartedV1,
  DepartmentDissolvedV1,
  DepartmentMergedV1,
  DepartmentSplitV1,
  PersonCreatedV1,
  PersonIdentityChangedV1,
  type EventEnvelope,
} from '@gongkai/contracts';
import { on, type EventConsumer } from '@gongkai/messaging';
import type { RoundsTx } from '../prisma.service';
import { FollowPeopleUseCase } from '../reassignment/follow-people/follow-people.use-case';
import { FollowReorganisationUseCase } from '../reassignment/follow-reorganisation/follow-reorganisation.use-case';

function causedBy(envelope: EventEnvelope) {
  return {
    events: {
      source: 'rounds',
      actor: envelope.actor,
      correlationId: envelope.correlationId,
      causationId: envelope.id,
    },
    causeEventId: envelope.id,
    at: new Date(envelope.occurredAt),
  };
}

/**
 * Work follows people and departments: permissions' binding, person and reorganisation events,
 * read as one ordered consumer of the whole PERMISSIONS stream, so a transfer's ended bindings are
 * applied before its identity change, and a merge's moved bindings before the merge itself (the
 * order permissions writes them in). The department tree itself is kept by the department
 * projection (@gongkai/department-projection), a consumer of its own.
 */
@Injectable()
export class PermissionsEventsConsumer implements EventConsumer<RoundsTx> {
  readonly name = 'permissions-events';
  readonly source = 'permissions' as const;
  readonly filter = 'evt.permissions.>';
  readonly ordering = 'aggregate-version' as const;
  readonly handlers = [
    on(BindingGrantedV1, (binding, envelope, tx: RoundsTx) =>
      this.followPeopleUseCase.binding(
        tx,
        binding,
        { kind: 'granted' },
        envelope.aggregateVersion,
        causedBy(envelope),
      ),
    ),
    on(BindingStartedV1, (binding, envelope, tx: RoundsTx) =>
      this.followPeopleUseCase.binding(
        tx,
        binding,
        { kind: 'started' },
        envelope.aggregateVersion,
        causedBy(envelope),
      ),
    ),
    on(BindingEndedV1, (binding, envelope, tx: RoundsTx) =>
      this.followPeopleUseCase.binding(
        tx,
        binding,
        { kind: 'ended', endedAt: binding.endedAt, endReason: binding.endReason },
        envelope.aggregateVersion,
        causedBy(envelope),
      ),
    ),
    on(PersonCreatedV1, (person, envelope, tx: RoundsTx) =>
      this.followPeopleUseCase.personCreated(tx, person, envelope.aggregateVersion),
    ),
    on(PersonIdentityChangedV1, (change, envelope, tx: RoundsTx) =>
      this.followPeopleUseCase.identityChanged(tx, change, envelope.aggregateVersion, causedBy(envelope)),
    ),
    on(DepartmentMergedV1, (merge, envelope, tx: RoundsTx) =>
      this.followReorganisationUseCase.merged(tx, merge, causedBy(envelope)),
    ),
    on(DepartmentDissolvedV1, (dissolution, envelope, tx: RoundsTx) =>
      this.followReorganisationUseCase.dissolved(tx, dissolution, causedBy(envelope)),
    ),
    on(DepartmentSplitV1, (split, envelope, tx: RoundsTx) =>
      this.followReorganisationUseCase.split(tx, split, causedBy(envelope)),
    ),
  ];

  constructor(
    private readonly followPeopleUseCase: FollowPeopleUseCase,
    private readonly followReorganisationUseCase: FollowReorganisationUseCase,
  ) {}
}
