import { EventEnvelopeSchema, SUBJECT_TYPES, type SubjectRef } from '@gongkai/contracts';

/** What a permissions event makes stale: cached decisions (and, in the gateway, authenticated API keys). */
export type Invalidation =
  | { scope: 'none' }
  | { scope: 'all'; why: string }
  | { scope: 'subjects'; subjects: SubjectRef[] };

/** Events that change no decision and no API client (a new department has no bindings yet). */
const NO_EFFECT_TYPES = new Set(['permissions.department.created', 'permissions.audit-chain.checkpointed']);

/**
 * Reads an event of the PERMISSIONS stream and says which cached decisions (and campus API
 * keys) it may have made stale: binding, person, API client and department events alike, whatever
 * their version. Deliberately conservative:
 * - any other department event (renamed, moved, merged, split, dissolved …): a reorganisation
 *   changes scopes of many subjects at once → everything;
 * - an event naming subjects (`subjectType` + `subjectId`, `personId`, `clientId`, at the top
 *   of the payload or one level down, e.g. `binding.subjectId`) → those subjects;
 * - anything unreadable or naming nobody → everything.
 */
export function invalidationOf(raw: string): Invalidation {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { scope: 'all', why: 'an unreadable event' };
  }
  const envelope = EventEnvelopeSchema.safeParse(json);
  if (!envelope.success) return { scope: 'all', why: 'an event without a valid envelope' };
  const { type, payload } = envelope.data;
  if (NO_EFFECT_TYPES.has(type)) return { scope: 'none' };
  const aggregate = type.split('.')[1];
  if (aggregate === 'department' || aggregate === 'departments') {
    return { scope: 'all', why: `a reorganisation (${type})` };
  }
  const subjects = subjectsNamedIn(payload);
  if (subjects.length === 0) return { scope: 'all', why: `${type}, which names no subject` };
  return { scope: 'subjects', subjects };
}

function subjectsNamedIn(payload: unknown): SubjectRef[] {
  const found = new Map<string, SubjectRef>();
  const add = (type: SubjectRef['type'], id: unknown) => {
    if (typeof id === 'string' && id.length > 0) found.set(`${type}:${id}`, { type, id });
  };
  const scan = (value: unknown, depth: number) => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      if (depth < 2) value.forEach((item) => scan(item, depth + 1));
      return;
    }
    const record = value as Record<string, unknown>;
    const subjectType = record['subjectType'];
    if ((SUBJECT_TYPES as readonly unknown[]).includes(subjectType)) {
      add(subjectType as SubjectRef['type'], record['subjectId']);
    }
    add('person', record['personId']);
    add('client', record['clientId']);
    if (depth < 1) for (const child of Object.values(record)) scan(child, depth + 1);
  };
  scan(payload, 0);
  return [...found.values()];
}
