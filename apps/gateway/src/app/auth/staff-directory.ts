import { Injectable } from '@nestjs/common';
import { ErrorCode, PermissionsRpc } from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { GatewayError } from '../errors/gateway.error';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export type StaffLookup = { found: true; personId: string } | { found: false; detail: string };

/**
 * The person a campus sign-in names by staff number (工号), asked of the permissions service and
 * kept a minute (a departure takes effect through the decision cache's events meanwhile: every
 * decision for a departed person denies).
 */
@Injectable()
export class StaffDirectory {
  private readonly byStaffNo = new Map<string, { personId: string; expiresAt: number }>();

  constructor(private readonly serviceClient: ServiceClient) {}

  async personOf(staffNo: string, correlationId: string): Promise<StaffLookup> {
    const cached = this.byStaffNo.get(staffNo);
    if (cached && cached.expiresAt > Date.now()) return { found: true, personId: cached.personId };
    let page;
    try {
      page = await this.serviceClient.request(
        PermissionsRpc.listPeople,
        { staffNo, limit: 1 },
        { actor: { kind: 'system', id: 'gateway' }, correlationId },
      );
    } catch {
      throw new GatewayError(
        ErrorCode.UNAVAILABLE,
        'The sign-in could not be matched to a person: the permissions service is not answering. Nothing was done; retry in a few seconds.',
      );
    }
    const person = page.items.find((item) => item.staffNo === staffNo);
    if (!person) {
      return {
        found: false,
        detail: `No person with staff number ${staffNo} is registered in gongkai. Ask the disclosure office (信息公开办) to add you.`,
      };
    }
    if (person.status !== 'active') {
      return {
        found: false,
        detail: `The person with staff number ${staffNo} is ${person.status === 'departed' ? 'recorded as departed' : 'on leave'} and may not sign in. Ask the disclosure office if this is wrong.`,
      };
    }
    if (this.byStaffNo.size >= MAX_ENTRIES) this.byStaffNo.clear();
    this.byStaffNo.set(staffNo, { personId: person.id, expiresAt: Date.now() + TTL_MS });
    return { found: true, personId: person.id };
  }
}
