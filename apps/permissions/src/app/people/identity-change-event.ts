import {
  PersonIdentityChangedV1,
  type EndedBindingRef,
  type IdentityChange,
  type MovedBinding,
  type OpenedRequestRef,
  type Person,
  type PersonStatus,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';

/** What an identity change did to the person and to their permissions. */
export interface IdentityChangeOutcome {
  person: Person;
  endedBindings: EndedBindingRef[];
  openedRequests: OpenedRequestRef[];
  cancelledRequestIds: string[];
}

/**
 * person.identity-changed, at the change's business time: for a change recorded directly and for
 * a person moved by a reorganisation alike (then with the reorganisation and its moved bindings).
 */
export async function emitIdentityChanged(
  tx: PermissionsTx,
  operation: Operation,
  input: IdentityChangeOutcome & {
    change: IdentityChange;
    reorganisationId: string | null;
    movedBindings: MovedBinding[];
  },
): Promise<void> {
  const { change } = input;
  await emitEvent(
    tx,
    PersonIdentityChangedV1,
    {
      identityChangeId: change.id,
      personId: change.personId,
      subjectType: 'person',
      subjectId: change.personId,
      kind: change.kind,
      fromDepartmentId: change.fromDepartmentId,
      toDepartmentId: change.toDepartmentId,
      fromStatus: change.fromStatus as PersonStatus | null,
      toStatus: change.toStatus as PersonStatus | null,
      fromPost: change.fromPost,
      toPost: change.toPost,
      occurredAt: change.occurredAt,
      reason: change.reason,
      reorganisationId: input.reorganisationId,
      endedBindings: input.endedBindings,
      movedBindings: input.movedBindings,
      openedRequests: input.openedRequests,
      cancelledRequestIds: input.cancelledRequestIds,
    },
    operation.events(new Date(change.occurredAt)),
  );
}
