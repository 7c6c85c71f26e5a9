import type { Action, Decision, SubjectRef } from '@gongkai/contracts';

export interface DecisionKey {
  subject: SubjectRef;
  action: Action;
  departmentId: string | null;
}

interface Entry {
  decision: Decision;
  expiresAt: number;
}

/** A runaway key space (many departments × actions × subjects) must not grow the heap without end. */
export const MAX_CACHED_DECISIONS = 50_000;

export const subjectKeyOf = (subject: SubjectRef) => `${subject.type}:${subject.id}`;

/**
 * Decisions of `permissions.decisions.check` by (subject, action, department), each kept for
 * min(DECISION_CACHE_TTL_MS, validUntil − now). Correctness rests on invalidation by the
 * permissions events (PermissionsEventFeed), so:
 * - entries are grouped by subject, and an event about a subject drops all of them at once;
 * - every drop bumps `generation`: an answer asked for before a drop is not stored after it
 *   (it may predate the change the event announced);
 * - while the event feed is down (`live` false) nothing is stored or served.
 */
export class DecisionCache {
  private readonly bySubject = new Map<string, Map<string, Entry>>();
  private size = 0;
  private live = false;
  /** Bumped by every drop; see `set`. */
  generation = 0;

  constructor(
    private readonly maxTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get isLive(): boolean {
    return this.live;
  }

  /** The event feed is up (true) or was lost (false: everything is dropped until it is back). */
  setLive(live: boolean): void {
    if (!live) this.dropAll();
    this.live = live;
  }

  get(key: DecisionKey): Decision | undefined {
    if (!this.live) return undefined;
    const entries = this.bySubject.get(subjectKeyOf(key.subject));
    const entryKey = entryKeyOf(key);
    const entry = entries?.get(entryKey);
    if (!entries || !entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      entries.delete(entryKey);
      this.size -= 1;
      if (entries.size === 0) this.bySubject.delete(subjectKeyOf(key.subject));
      return undefined;
    }
    return entry.decision;
  }

  /**
   * Stores `decision` unless the cache was dropped since `askedAtGeneration` (read `generation`
   * before asking) or the decision is already out of date. Returns whether it was stored.
   */
  set(key: DecisionKey, decision: Decision, askedAtGeneration: number): boolean {
    if (!this.live || askedAtGeneration !== this.generation) return false;
    const ttlMs = this.ttlOf(decision);
    if (ttlMs <= 0) return false;
    if (this.size >= MAX_CACHED_DECISIONS) this.dropAll();
    const subjectKey = subjectKeyOf(key.subject);
    let entries = this.bySubject.get(subjectKey);
    if (!entries) {
      entries = new Map();
      this.bySubject.set(subjectKey, entries);
    }
    const entryKey = entryKeyOf(key);
    if (!entries.has(entryKey)) this.size += 1;
    entries.set(entryKey, { decision, expiresAt: this.now() + ttlMs });
    return true;
  }

  /** Drops every decision about `subject`; returns how many there were. */
  dropSubject(subject: SubjectRef): number {
    this.generation += 1;
    const entries = this.bySubject.get(subjectKeyOf(subject));
    if (!entries) return 0;
    this.bySubject.delete(subjectKeyOf(subject));
    this.size -= entries.size;
    return entries.size;
  }

  /** Drops everything (reorganisations, unknown events, a lost event feed). */
  dropAll(): number {
    this.generation += 1;
    const dropped = this.size;
    this.bySubject.clear();
    this.size = 0;
    return dropped;
  }

  get entryCount(): number {
    return this.size;
  }

  private ttlOf(decision: Decision): number {
    if (decision.validUntil === null) return this.maxTtlMs;
    const validUntil = Date.parse(decision.validUntil);
    // An unreadable validUntil says the answer has an end we cannot place: do not keep it.
    if (Number.isNaN(validUntil)) return 0;
    return Math.min(this.maxTtlMs, validUntil - this.now());
  }
}

function entryKeyOf(key: DecisionKey): string {
  return `${key.action}|${key.departmentId ?? '*'}`;
}
