import { defineErrorReasons } from '../common/error-reasons';
import { ErrorCode } from '../common/errors';

/**
 * The gateway's own reasons: how a request's credentials are refused before any service sees it.
 * A key the permissions service refuses is its API_KEY_INVALID; a denied permission decision is
 * the common PERMISSION_DENIED.
 */
export const GatewayErrorReasons = defineErrorReasons('gateway', {
  BEARER_TOKEN_INVALID: {
    category: ErrorCode.UNAUTHENTICATED,
    description:
      'The bearer token is malformed, expired, not signed by this installation, or names no person. Sign in again for a new token.',
  },
  ACTING_FOR_PERSON_NOT_ALLOWED: {
    category: ErrorCode.FORBIDDEN,
    description:
      '`X-Acting-Person` came from a caller that may not act for a person: a signed-in person (who acts as themself) or an API client not allowed to. Remove the header, or ask the disclosure office to allow the client.',
  },
  BACKDATING_NOT_ALLOWED: {
    category: ErrorCode.FORBIDDEN,
    description:
      'The API client may not back-date entries. Remove `occurredAt` (the entry then happens now), or ask the disclosure office to allow the client to back-date.',
  },
});
