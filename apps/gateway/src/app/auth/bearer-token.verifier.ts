import { Injectable } from '@nestjs/common';
import { decodeProtectedHeader } from 'jose';
import { LocalJwtVerifier } from './local-jwt-verifier';
import { OidcVerifier } from './oidc-verifier';
import { StaffDirectory } from './staff-directory';
import type { TokenRefusal } from './token-refusal';

export type BearerCheck = { ok: true; personId: string } | ({ ok: false } & TokenRefusal);

/**
 * `Authorization: Bearer <token>`: an HS256 token is this installation's own (LocalJwtVerifier,
 * `sub` = person id); any other algorithm is the campus identity provider's (OidcVerifier), and the
 * person is found by the staff number it carries.
 */
@Injectable()
export class BearerTokenVerifier {
  constructor(
    private readonly local: LocalJwtVerifier,
    private readonly oidc: OidcVerifier,
    private readonly staff: StaffDirectory,
  ) {}

  async verify(token: string, correlationId: string): Promise<BearerCheck> {
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      return { ok: false, detail: 'The bearer token is malformed: it is not a JWT. Sign in again.' };
    }
    if (algorithm?.startsWith('HS') || !this.oidc.enabled) return this.local.verify(token);
    const checked = await this.oidc.verify(token);
    if (!checked.ok) return checked;
    const person = await this.staff.personOf(checked.staffNo, correlationId);
    return person.found ? { ok: true, personId: person.personId } : { ok: false, detail: person.detail };
  }
}
