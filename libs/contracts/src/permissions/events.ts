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
} as const;
