/**
 * Canonical JSON: object keys sorted (by UTF-16 code units) at every depth, no whitespace,
 * `undefined` object members dropped (as JSON.stringify does). The same value always gives the
 * same text, whatever order PostgreSQL's jsonb hands the keys back in, so a hash over it can be
 * recomputed from the stored row (the permissions audit chain), and two request bodies that mean
 * the same give the same Idempotency-Key request hash (the gateway).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Cannot canonicalise the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`Cannot canonicalise a ${typeof value}`);
  }
}
