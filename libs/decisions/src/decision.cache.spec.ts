import type { Decision, SubjectRef } from '@gongkai/contracts';
import { DecisionCache, MAX_CACHED_DECISIONS, type DecisionKey } from './decision.cache';

const TTL_MS = 60_000;
const ALICE: SubjectRef = { type: 'person', id: '0190b3a4-7c1e-7c3a-8f00-00000000a11c' };
const BOB: SubjectRef = { type: 'person', id: '0190b3a4-7c1e-7c3a-8f00-0000000000b0' };
const PORTAL: SubjectRef = { type: 'client', id: '0190b3a4-7c1e-7c3a-8f00-00000000c11e' };
const DEPT_A = '0190b3a4-7c1e-7c3a-8f00-00000000000a';

const key = (subject: SubjectRef, departmentId: string | null = DEPT_A): DecisionKey => ({
  subject,
  action: 'catalogue.item.update',
  departmentId,
});
const allow = (validUntil: string | null = null): Decision => ({
  allow: true,
  reason: 'dept_liaison in A',
  bindingId: '0190b3a4-7c1e-7c3a-8f00-0000000000bb',
  validUntil,
});

describe('DecisionCache', () => {
  let now: number;
  let sut: DecisionCache;

  beforeEach(() => {
    now = Date.parse('2024-10-01T00:00:00.000Z');
    sut = new DecisionCache(TTL_MS, () => now);
    sut.setLive(true);
  });

  it('keeps a decision for DECISION_CACHE_TTL_MS', () => {
    expect(sut.set(key(ALICE), allow(), sut.generation)).toBe(true);
    now += TTL_MS - 1;
    expect(sut.get(key(ALICE))).toEqual(allow());
    now += 1;
    expect(sut.get(key(ALICE))).toBeUndefined();
    expect(sut.entryCount).toBe(0);
  });

  it('keeps a decision no longer than its validUntil', () => {
    const validUntil = new Date(now + 5_000).toISOString();
    sut.set(key(ALICE), allow(validUntil), sut.generation);
    now += 4_999;
    expect(sut.get(key(ALICE))).toBeDefined();
    now += 1;
    expect(sut.get(key(ALICE))).toBeUndefined();
  });

  it('does not keep a decision already past its validUntil, or with one it cannot read', () => {
    expect(sut.set(key(ALICE), allow(new Date(now - 1).toISOString()), sut.generation)).toBe(false);
    expect(sut.set(key(ALICE), allow('whenever'), sut.generation)).toBe(false);
    expect(sut.get(key(ALICE))).toBeUndefined();
  });

  it('tells departments and school-wide targets apart', () => {
    sut.set(key(ALICE, DEPT_A), allow(), sut.generation);
    expect(sut.get(key(ALICE, null))).toBeUndefined();
    expect(sut.get({ ...key(ALICE), action: 'rounds.task.submit' })).toBeUndefined();
  });

  it('drops every decision of one subject, and only those', () => {
    sut.set(key(ALICE, DEPT_A), allow(), sut.generation);
    sut.set(key(ALICE, null), allow(), sut.generation);
    sut.set(key(BOB), allow(), sut.generation);
    expect(sut.dropSubject(ALICE)).toBe(2);
    expect(sut.get(key(ALICE, DEPT_A))).toBeUndefined();
    expect(sut.get(key(ALICE, null))).toBeUndefined();
    expect(sut.get(key(BOB))).toBeDefined();
    expect(sut.dropSubject({ type: 'client', id: ALICE.id })).toBe(0);
  });

  it('keeps persons and clients with the same id apart', () => {
    sut.set(key(PORTAL), allow(), sut.generation);
    sut.dropSubject({ type: 'person', id: PORTAL.id });
    expect(sut.get(key(PORTAL))).toBeDefined();
  });

  it('does not store an answer asked for before a drop (it may predate the change)', () => {
    const askedAt = sut.generation;
    sut.dropSubject(BOB);
    expect(sut.set(key(ALICE), allow(), askedAt)).toBe(false);
    expect(sut.get(key(ALICE))).toBeUndefined();
  });

  it('stores and serves nothing while the event feed is down, and forgets what it had', () => {
    sut.set(key(ALICE), allow(), sut.generation);
    sut.setLive(false);
    expect(sut.get(key(ALICE))).toBeUndefined();
    expect(sut.set(key(BOB), allow(), sut.generation)).toBe(false);
    sut.setLive(true);
    expect(sut.get(key(ALICE))).toBeUndefined();
    expect(sut.set(key(BOB), allow(), sut.generation)).toBe(true);
  });

  it('starts over instead of growing past MAX_CACHED_DECISIONS', () => {
    for (let i = 0; i < MAX_CACHED_DECISIONS; i += 1) {
      sut.set(key({ type: 'person', id: `p${i}` }), allow(), sut.generation);
    }
    expect(sut.entryCount).toBe(MAX_CACHED_DECISIONS);
    sut.set(key(ALICE), allow(), sut.generation);
    expect(sut.entryCount).toBe(1);
    expect(sut.get(key(ALICE))).toBeDefined();
  });
});
