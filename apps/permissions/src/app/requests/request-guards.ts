import { DomainError, PermissionsErrorReasons, type PermissionRequest } from '@gongkai/contracts';

/** The request, which must exist and still be waiting for a decision. */
export function requireOpen(request: PermissionRequest | null, id: string): PermissionRequest {
  if (!request)
    throw DomainError.because(
      PermissionsErrorReasons.PERMISSION_REQUEST_NOT_FOUND,
      `Permission request ${id} does not exist`,
      { id },
    );
  if (request.status !== 'requested') {
    throw DomainError.because(
      PermissionsErrorReasons.PERMISSION_REQUEST_DECIDED,
      `Permission request ${id} is already ${request.status}; open a new request to ask again`,
      { id, status: request.status },
    );
  }
  return request;
}
