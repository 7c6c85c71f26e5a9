import { defineErrorReasons } from './error-reasons';
import { ErrorCode } from './errors';

/** Reasons every service can give: the shared rules of the service kit. */
export const CommonErrorReasons = defineErrorReasons('common', {
  OCCURRED_AT_IN_FUTURE: {
    category: ErrorCode.VALIDATION_FAILED,
    description:
      'The business time (`occurredAt`) lies in the future. Give the time it actually happened, or leave it out for now.',
  },
  UNIQUE_VALUE_TAKEN: {
    category: ErrorCode.CONFLICT,
    description:
      'A concurrent change saved the same unique value first. Read the resource and retry with another value.',
  },
  PERMISSION_DENIED: {
    category: ErrorCode.FORBIDDEN,
    description:
      'No role binding allows this action in this department. The problem names the roles that would; ask a disclosure administrator.',
  },
  ACTOR_NOT_PROVEN: {
    category: ErrorCode.FORBIDDEN,
    description:
      'A request that services may also send named a person or API client as its actor without the gateway’s valid, unexpired proof for it. A service asks as its own system actor; through the gateway, check that GATEWAY_ACTOR_SIGNING_KEY and the services’ GATEWAY_ACTOR_PUBLIC_KEY are one key pair.',
  },
});
