import * as contracts from '@gongkai/contracts';

/** Every request/reply subject the services answer (contracts' `defineRpc` definitions). */
function internalSubjects(): string[] {
  const subjects = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 2) return;
    const subject = (value as { subject?: unknown }).subject;
    if (typeof subject === 'string' && 'request' in value && 'reply' in value) subjects.add(subject);
    else for (const entry of Object.values(value)) visit(entry, depth + 1);
  };
  for (const exported of Object.values(contracts)) visit(exported, 0);
  return [...subjects];
}

const SUBJECTS = internalSubjects();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SUBJECT_PATTERN = new RegExp(`(^|[^\\w.])(${SUBJECTS.map(escape).join('|')})($|[^\\w.])`);

const LEAKS: [string, RegExp][] = [
  ['a stack trace', /\n\s+at [^\n]+:\d+:\d+|\bat (?:async )?[\w$.<>]+ \([^)]*:\d+:\d+\)/],
  ['a source file and line', /[\w/.-]+\.(?:ts|js|mjs|cjs):\d+(?::\d+)?/],
  ['a server path', /\/(?:dist\/apps|node_modules|work|home|root|usr\/lib)\//],
  [
    'a Prisma or SQL error',
    /PrismaClient|Invalid `prisma\.|syntax error at or near|violates (?:unique|foreign key|check) constraint|relation "[^"]+" does not exist/,
  ],
  [
    'an internal event subject',
    /\bevt\.(?:permissions|catalogue|rounds|complaints|reports)\.[a-z-]+\.[a-z-]+\.v\d+\b|_INBOX\./,
  ],
  ['an internal request subject', SUBJECT_PATTERN],
  [
    'an internal error class',
    /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|NatsError|TimeoutError|ZodError)\b/,
  ],
];

/** What an error body gives away that it must not (null: nothing), the run's NATS prefix included. */
export function leakIn(text: string, natsPrefix: string): string | null {
  for (const [what, pattern] of LEAKS) {
    const match = pattern.exec(text);
    if (match) return `${what} (${match[0].trim().slice(0, 80)})`;
  }
  if (natsPrefix && text.includes(natsPrefix)) return `the run's NATS prefix ${natsPrefix}`;
  return null;
}

export const INTERNAL_SUBJECT_COUNT = SUBJECTS.length;
