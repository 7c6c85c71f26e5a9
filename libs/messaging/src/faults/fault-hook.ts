/**
 * Kill hooks for the fault-injection suite (`npm run test:faults`, tools/faults). Off unless
 * GONGKAI_FAULT_HOOK names points (comma-separated); at a named point the process SIGKILLs itself
 * with probability GONGKAI_FAULT_PROBABILITY (default 0.05), so a crash lands at the worst moment
 * instead of wherever a timer happens to fire. Never set these in production.
 */
export const FAULT_POINTS = [
  /** Inside a command's transaction, after its changes and outbox rows, before COMMIT. */
  'producer.before-commit',
  /** After a command's COMMIT, before its reply leaves (the caller sees a timeout and retries). */
  'producer.after-commit',
  /** After JetStream acknowledged a relay batch, before the rows are marked sent. */
  'relay.after-publish',
  /** Inside a consumer's transaction, after the handler and the inbox row, before COMMIT. */
  'consumer.before-commit',
  /** After a consumer's COMMIT, before the JetStream ack. */
  'consumer.after-commit',
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

// Read once, here only: the hook must cost nothing (one Set lookup) when it is off.
const armed = new Set(
  (process.env['GONGKAI_FAULT_HOOK'] ?? '')
    .split(',')
    .map((point) => point.trim())
    .filter(Boolean),
);
const probability = Number(process.env['GONGKAI_FAULT_PROBABILITY'] ?? '0.05');

/** The line the suite reads from the dying process's stderr to count kills per point. */
export const FAULT_HOOK_MARK = 'GONGKAI_FAULT_HOOK fired at';

export function faultPoint(point: FaultPoint): void {
  if (armed.size === 0 || !armed.has(point) || !(Math.random() < probability)) return;
  // stderr to a pipe or file is synchronous on Linux: the line is out before the signal lands.
  process.stderr.write(`${FAULT_HOOK_MARK} ${point}\n`);
  process.kill(process.pid, 'SIGKILL');
}
