import { ChainCheckpointSchema } from '../common/chain-checkpoint';
import { defineEvent } from '../common/event-definition';
import { BindingEndedV1, BindingGrantedV1, BindingStartedV1 } from './bindings';
import { ClientCreatedV1, ClientRevokedV1, ClientRotatedV1 } from './api-clients';
import { DepartmentCreatedV1, DepartmentUpdatedV1 } from './departments';
import { PersonCreatedV1, PersonIdentityChangedV1 } from './people';
import {
  DepartmentDissolvedV1,
  DepartmentMergedV1,
  DepartmentRenamedV1,
  DepartmentSplitV1,
} from './reorganisations';
import {
  RequestApprovedV1,
  RequestCancelledV1,
  RequestMovedV1,
  RequestOpenedV1,
  RequestRejectedV1,
} from './requests';

/**
 * The audit chain's head after an append, published to the PERMISSIONS stream in the same
 * transaction as the entries (through the outbox): `GET /audit-log/verify` compares the chain with
 * the latest one. Names no subject: it changes nobody's permissions.
 */
export const AuditChainCheckpointedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'audit-chain',
  event: 'checkpointed',
  version: 1,
  aggregateId: (payload) => payload.chain,
  payload: ChainCheckpointSchema,
});

/**
 * Every event the permissions service emits (stream PERMISSIONS, `evt.permissions.>`).
 * Each one that changes what a subject may do carries `subjectType` + `subjectId`, or, for
 * departments, `affectedDepartmentIds`, so a decision cache knows what to drop.
 */
export const PermissionsEvents = {
  departmentCreated: DepartmentCreatedV1,
  departmentUpdated: DepartmentUpdatedV1,
  departmentRenamed: DepartmentRenamedV1,
  departmentMerged: DepartmentMergedV1,
  departmentSplit: DepartmentSplitV1,
  departmentDissolved: DepartmentDissolvedV1,
  personCreated: PersonCreatedV1,
  personIdentityChanged: PersonIdentityChangedV1,
  bindingGranted: BindingGrantedV1,
  bindingStarted: BindingStartedV1,
  bindingEnded: BindingEndedV1,
  requestOpened: RequestOpenedV1,
  requestApproved: RequestApprovedV1,
  requestRejected: RequestRejectedV1,
  requestCancelled: RequestCancelledV1,
  requestMoved: RequestMovedV1,
  clientCreated: ClientCreatedV1,
  clientRotated: ClientRotatedV1,
  clientRevoked: ClientRevokedV1,
  auditChainCheckpointed: AuditChainCheckpointedV1,
} as const;
