import { errors } from 'jose';

/** Why a bearer token was refused, in words a caller can act on; `claim` names the claim at fault. */
export interface TokenRefusal {
  detail: string;
  claim?: string;
}

export interface TokenExpectations {
  issuer: string;
  audience: string;
  maxAgeSeconds: number;
  /** Where to get a new token, named in the advice. */
  signIn: string;
}

const REQUIRED = 'Tokens must carry `exp`, `iat`, `aud` and `iss`';

/** A jose verification error as a refusal that says what is wrong and what to do. */
export function refusalOf(error: unknown, expected: TokenExpectations): TokenRefusal {
  if (error instanceof errors.JWTExpired) {
    if (error.claim === 'iat') {
      return {
        claim: 'iat',
        detail: `The bearer token was issued more than ${expected.maxAgeSeconds} s ago, longer than this API accepts a token for. ${expected.signIn}`,
      };
    }
    const exp =
      typeof error.payload['exp'] === 'number'
        ? new Date(error.payload['exp'] * 1000).toISOString()
        : 'its `exp`';
    return { claim: 'exp', detail: `The bearer token expired at ${exp}. ${expected.signIn}` };
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (error.reason === 'missing') {
      return {
        claim,
        detail: `The bearer token has no \`${claim}\` claim. ${REQUIRED}; ask for a token that does.`,
      };
    }
    if (claim === 'aud') {
      return {
        claim,
        detail: `The bearer token is for another audience; this API accepts \`aud\` "${expected.audience}". Ask for a token for this API. ${expected.signIn}`,
      };
    }
    if (claim === 'iss') {
      return {
        claim,
        detail: `The bearer token was issued by someone this API does not trust; it accepts \`iss\` "${expected.issuer}". ${expected.signIn}`,
      };
    }
    return {
      claim,
      detail: `The bearer token's \`${claim}\` claim is not valid (${error.message}). ${expected.signIn}`,
    };
  }
  return {
    detail: `The bearer token is not valid: it is malformed, or not signed by a key this API trusts. ${expected.signIn}`,
  };
}
