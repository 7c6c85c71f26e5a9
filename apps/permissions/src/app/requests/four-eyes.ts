import {
  BOOTSTRAP_ADMIN_CLIENT_ID,
  DomainError,
  PermissionsErrorReasons,
  type Actor,
  type PermissionRequest,
} from '@gongkai/contracts';

/**
 * Four eyes: whoever opened a request by hand does not approve it, whether they opened or approve
 * it themselves or through a client acting for them (the actor is then the person, `onBehalfOf`
 * the client), and a client does not approve what it opened as itself. Requests that a transfer or
 * a reorganisation opened were opened by the service, not by whoever recorded the change; the
 * bootstrap admin key, which sets up a fresh install and is then removed, is exempt.
 */
export function assertNotOpenedBy(approver: Actor, request: PermissionRequest): void {
  if (request.origin !== 'manual') return;
  if (approver.kind === 'client' && approver.id === BOOTSTRAP_ADMIN_CLIENT_ID) return;
  const opener = request.requestedBy;
  if (opener.kind !== approver.kind || opener.id !== approver.id) return;
  throw DomainError.because(
    PermissionsErrorReasons.FOUR_EYES_REQUIRED,
    `Request ${request.id} was opened by ${approver.kind} ${approver.id}, who may not also approve it. ` +
      'Ask another approver of its department or the disclosure office (信息公开办).',
    { requestId: request.id, requestedBy: opener },
  );
}
