import { DomainError, ErrorCode, type PermissionRequest } from '@gongkai/contracts';

/** The request, which must exist and still be waiting for a decision. */
export function requireOpen(request: PermissionRequest | null, id: string): PermissionRequest {
  if (!request) throw new DomainError(ErrorCode.NOT_FOUND, `Permission request ${id} does not exist`, { id });
  if (request.status !== 'requested') {
    throw new DomainError(
      ErrorCode.CONFLICT,
      `Permission request ${id} is already ${request.status}; open a new request to ask again`,
      { id, status: request.status },
    );
  }
  return request;
}
