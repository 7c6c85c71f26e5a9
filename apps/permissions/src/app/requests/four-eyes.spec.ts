import type { Actor, PermissionRequest } from '@gongkai/contracts';
import { assertNotOpenedBy } from './four-eyes';

const reviewer = '0190b3a4-7c1e-7c3a-8f00-0000000000a1';
const portal = '0190b3a4-7c1e-7c3a-8f00-0000000000c1';
const request = (requestedBy: Actor, origin: PermissionRequest['origin'] = 'manual') =>
  ({ id: '0190b3a4-7c1e-7c3a-8f00-0000000000f1', origin, requestedBy }) as PermissionRequest;

describe('four eyes on permission requests', () => {
  it('refuses the opener, also when either step went through a client acting for them', () => {
    const direct = { kind: 'person', id: reviewer } as const;
    const viaPortal = { kind: 'person', id: reviewer, onBehalfOf: portal } as const;
    for (const [opened, approves] of [
      [direct, direct],
      [viaPortal, direct],
      [direct, viaPortal],
    ] as const) {
      expect(() => assertNotOpenedBy(approves, request(opened))).toThrow(
        expect.objectContaining({ reason: 'FOUR_EYES_REQUIRED' }),
      );
    }
    expect(() =>
      assertNotOpenedBy({ kind: 'client', id: portal }, request({ kind: 'client', id: portal })),
    ).toThrow(expect.objectContaining({ reason: 'FOUR_EYES_REQUIRED' }));
  });

  it('lets another approver decide, and requests a transfer opened be approved by whoever recorded it', () => {
    const opener = { kind: 'person', id: reviewer } as const;
    expect(() => assertNotOpenedBy({ kind: 'person', id: portal }, request(opener))).not.toThrow();
    expect(() => assertNotOpenedBy({ kind: 'client', id: reviewer }, request(opener))).not.toThrow();
    expect(() => assertNotOpenedBy(opener, request(opener, 'identity_change'))).not.toThrow();
  });
});
