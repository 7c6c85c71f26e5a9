import { DomainError, PermissionsErrorReasons, type PermissionRequest } from '@gongkai/contracts';

/** The request, which must exist. */
export function requireExisting(request: PermissionRequest | null, id: string): PermissionRequest {
  if (!request)
    throw DomainError.because(
      PermissionsErrorReasons.PERMISSION_REQUEST_NOT_FOUND,
      `Permission request ${id} does not exist`,
      { id },
    );
  return request;
}

/**
 * The request, which must still be waiting for a decision. Checked after the caller may decide it
 * (RequestApprovers), so a caller who may not learns nothing of its state (403, never 409).
 */
export function requireOpen(request: PermissionRequest): PermissionRequest {
  const id = request.id;
  if (request.status !== 'requested') {
    throw DomainError.because(
      PermissionsErrorReasons.PERMISSION_REQUEST_DECIDED,
      `Permission request ${id} is already ${request.status}; open a new request to ask again`,
      { id, status: request.status },
    );
  }
  return request;
}
