import type { FieldError } from '../errors/problem';

/**
 * C0 control characters except tab, line feed and carriage return (which letters and notes use),
 * DEL and the C1 range. PostgreSQL refuses NUL in text (a 500 before this check); the others have
 * no place in disclosure text and break exports, logs and terminals.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Deeper JSON than any schema here takes; refusing it early bounds the work of walking it. */
export const MAX_JSON_DEPTH = 32;
const MAX_REPORTED = 20;

/** Where a body or query carries a control character or nests too deep (RFC 6901 pointers); [] when clean. */
export function hostileTextIn(value: unknown, location: 'body' | 'query'): FieldError[] {
  const errors: FieldError[] = [];
  const walk = (node: unknown, path: string[], depth: number): void => {
    if (errors.length >= MAX_REPORTED) return;
    if (typeof node === 'string') {
      if (CONTROL_CHARACTER.test(node)) errors.push(controlCharacterAt(location, path));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (depth >= MAX_JSON_DEPTH) {
      errors.push({
        in: location,
        pointer: pointerOf(path),
        code: 'too_deep',
        message: `Nested deeper than ${MAX_JSON_DEPTH} levels; no request here needs that`,
      });
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (CONTROL_CHARACTER.test(key)) errors.push(controlCharacterAt(location, [...path, key]));
      walk(child, [...path, key], depth + 1);
    }
  };
  walk(value, [], 0);
  return errors;
}

function controlCharacterAt(location: 'body' | 'query', path: string[]): FieldError {
  return {
    in: location,
    pointer: pointerOf(path),
    code: 'control_character',
    message:
      'Contains a control character (such as NUL, U+0000); remove it. Tab, line feed and carriage return are allowed',
  };
}

function pointerOf(path: string[]): string {
  return path.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
