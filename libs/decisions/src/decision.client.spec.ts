import { CheckPermissionRpc, ErrorCode, type Actor, type Decision } from '@gongkai/contracts';
import { RemoteCallError, type ServiceClient } from '@gongkai/messaging';
import { DecisionCache } from './decision.cache';
import {
  BOOTSTRAP_DECISION,
  DecisionClient,
  PermissionCheckError,
  type DecisionQuestion,
} from './decision.client';
import type { DecisionObserver } from './decisions.options';

const ALICE = '0190b3a4-7c1e-7c3a-8f00-00000000a11c';
const PORTAL = '0190b3a4-7c1e-7c3a-8f00-00000000c11e';
const DEPT_A = '0190b3a4-7c1e-7c3a-8f00-00000000000a';
const DEPT_B = '0190b3a4-7c1e-7c3a-8f00-00000000000b';

const allow: Decision = {
  allow: true,
  reason: 'dept_liaison in A grants catalogue.item.update',
  bindingId: '0190b3a4-7c1e-7c3a-8f00-0000000000bb',
  validUntil: null,
};
const deny: Decision = { allow: false, reason: 'No binding in force', bindingId: null, validUntil: null };

const question = (actor: Actor, departmentId: string | null = DEPT_A): DecisionQuestion => ({
  actor,
  action: 'catalogue.item.update',
  departmentId,
  correlationId: 'corr-1',
});
const alice: Actor = { kind: 'person', id: ALICE };

describe('DecisionClient', () => {
  let answer: () => Promise<unknown>;
  let request: jest.Mock;
  let cache: DecisionCache;
  let observer: { [K in keyof DecisionObserver]: jest.Mock };
  let sut: DecisionClient;

  beforeEach(() => {
    answer = async () => allow;
    request = jest.fn(() => answer());
    cache = new DecisionCache(60_000);
    cache.setLive(true);
    observer = { hit: jest.fn(), miss: jest.fn(), invalidated: jest.fn() };
    sut = new DecisionClient(
      { request } as unknown as ServiceClient,
      cache,
      { caller: 'catalogue', prefix: '', cacheTtlMs: 60_000 },
      observer,
    );
  });

  it('asks permissions.decisions.check for the person, as its own system actor, with the correlation id', async () => {
    await expect(sut.check(question(alice))).resolves.toEqual(allow);
    expect(request).toHaveBeenCalledWith(
      CheckPermissionRpc,
      { subject: { type: 'person', id: ALICE }, action: 'catalogue.item.update', departmentId: DEPT_A },
      { actor: { kind: 'system', id: 'catalogue' }, correlationId: 'corr-1' },
    );
  });

  it('allows any of several actions: asks one after another and stops at the first allowed', async () => {
    request.mockImplementation(async (_rpc, body: { action: string }) =>
      body.action === 'catalogue.publication.secrecy_review' ? allow : deny,
    );
    const where = { actor: alice, departmentId: DEPT_A, correlationId: 'corr-1' };
    await expect(
      sut.allowsAny(where, [
        'catalogue.item.update',
        'catalogue.publication.secrecy_review',
        'rounds.task.approve',
      ]),
    ).resolves.toBe(true);
    expect(request.mock.calls.map(([, body]) => (body as { action: string }).action)).toEqual([
      'catalogue.item.update',
      'catalogue.publication.secrecy_review',
    ]);
    await expect(sut.allowsAny({ ...where, departmentId: DEPT_B }, ['catalogue.item.update'])).resolves.toBe(
      false,
    );
  });

  it('decides for the person a client acts for, and for a client acting as itself', async () => {
    await sut.check(question({ kind: 'person', id: ALICE, onBehalfOf: PORTAL }));
    await sut.check(question({ kind: 'client', id: PORTAL }));
    expect(request.mock.calls.map(([, body]) => (body as { subject: unknown }).subject)).toEqual([
      { type: 'person', id: ALICE },
      { type: 'client', id: PORTAL },
    ]);
  });

  it('allows the bootstrap admin key acting as itself without asking, and no one else', async () => {
    await expect(sut.check(question({ kind: 'client', id: 'bootstrap-admin' }))).resolves.toEqual(
      BOOTSTRAP_DECISION,
    );
    expect(request).not.toHaveBeenCalled();
    answer = async () => deny;
    await expect(
      sut.check(question({ kind: 'person', id: ALICE, onBehalfOf: 'bootstrap-admin' })),
    ).resolves.toEqual(deny);
  });

  it('denies system actors and ids that are no subject without asking', async () => {
    for (const actor of [
      { kind: 'system', id: 'rounds' },
      { kind: 'person', id: 'alice' },
    ] satisfies Actor[]) {
      await expect(sut.check(question(actor))).resolves.toMatchObject({ allow: false });
    }
    expect(request).not.toHaveBeenCalled();
  });

  it('answers a repeated check from the cache, each department on its own, denials too', async () => {
    answer = async () => deny;
    await sut.check(question(alice));
    await sut.check(question(alice));
    await sut.check(question(alice, DEPT_B));
    expect(request).toHaveBeenCalledTimes(2);
    expect(observer.hit).toHaveBeenCalledTimes(1);
    expect(observer.miss).toHaveBeenCalledTimes(2);
  });

  it('asks again once an event dropped the subject', async () => {
    await sut.check(question(alice));
    cache.dropSubject({ type: 'person', id: ALICE });
    answer = async () => deny;
    await expect(sut.check(question(alice))).resolves.toEqual(deny);
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('shares one request among identical checks in flight, but never one asked before a drop', async () => {
    const pending: ((decision: Decision) => void)[] = [];
    answer = () => new Promise((resolve) => pending.push(resolve));
    const releaseAll = () => pending.splice(0).forEach((release) => release(allow));
    const first = sut.check(question(alice));
    const second = sut.check(question(alice));
    releaseAll();
    await Promise.all([first, second]);
    expect(request).toHaveBeenCalledTimes(1);

    cache.dropAll();
    const before = sut.check(question(alice));
    cache.dropSubject({ type: 'person', id: ALICE });
    const after = sut.check(question(alice));
    releaseAll();
    await Promise.all([before, after]);
    expect(request).toHaveBeenCalledTimes(3);
  });

  it('does not cache an answer asked for before a drop', async () => {
    let release: (decision: Decision) => void = () => undefined;
    answer = () => new Promise((resolve) => (release = resolve));
    const pending = sut.check(question(alice));
    cache.dropSubject({ type: 'person', id: ALICE });
    release(allow);
    await pending;
    expect(
      cache.get({
        subject: { type: 'person', id: ALICE },
        action: 'catalogue.item.update',
        departmentId: DEPT_A,
      }),
    ).toBeUndefined();
  });

  it.each<[string, () => Promise<unknown>, string]>([
    [
      'nobody answers',
      async () => {
        throw new RemoteCallError('permissions.decisions.check', {
          code: ErrorCode.UNAVAILABLE,
          message: 'no',
        });
      },
      ErrorCode.UNAVAILABLE,
    ],
    [
      'the answer comes too late',
      async () => {
        throw new RemoteCallError('permissions.decisions.check', {
          code: ErrorCode.TIMEOUT,
          message: 'late',
        });
      },
      ErrorCode.UNAVAILABLE,
    ],
    [
      'the request cannot be sent',
      async () => {
        throw new Error('connection closed');
      },
      ErrorCode.UNAVAILABLE,
    ],
    [
      'permissions answers an error',
      async () => {
        throw new RemoteCallError('permissions.decisions.check', {
          code: ErrorCode.VALIDATION_FAILED,
          message: 'action is not known',
        });
      },
      ErrorCode.INTERNAL,
    ],
    [
      'permissions answers something else than a decision',
      async () => ({ allow: 'yes' }),
      ErrorCode.INTERNAL,
    ],
  ])('never allows on error: %s → %s, and caches nothing', async (_case, failing, code) => {
    answer = failing;
    const failure = sut.check(question(alice));
    await expect(failure).rejects.toBeInstanceOf(PermissionCheckError);
    await expect(failure).rejects.toMatchObject({ code });
    answer = async () => deny;
    await expect(sut.check(question(alice))).resolves.toEqual(deny);
  });
});
