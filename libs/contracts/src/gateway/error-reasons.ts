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
  ACTING_FOR_PERSON_REFUSED: {
    category: ErrorCode.FORBIDDEN,
    description:
      "The API client may act for persons, but not for this one: the person is unknown or not active, holds an administrator role, or holds a role beyond those the client may act for (its `actForRoles`). Let the person sign in themself, or ask the disclosure office to widen the client's `actForRoles`.",
  },
  BACKDATING_NOT_ALLOWED: {
    category: ErrorCode.FORBIDDEN,
    description:
      'The caller may not back-date entries: a business time (`occurredAt`, `changedAt`, …) was given by an API client not allowed to back-date, or by a person without `business-time.backdate` (for a client acting for a person: both are needed). Remove the field (the entry then happens now), or ask the disclosure office for the right.',
  },
});
