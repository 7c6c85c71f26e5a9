import type { RoundsTx } from '../prisma.service';

/**
 * Serialises "who is the department's liaison?" with "a liaison was appointed: pick up the flagged
 * tasks". Without it the two race (found by the fault suite): opening a round reads no liaison and
 * flags the new task while, in another transaction, the appointment is applied and finds no
 * flagged task yet; both commit and the task stays flagged although the department has a liaison.
 * Readers take the department's lock shared (they do not block each other), the appointment takes
 * it exclusive; either way the second one sees what the first committed. Held to the end of the
 * transaction.
 */
export async function lockLiaisonsOf(
  tx: RoundsTx,
  departmentId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await tx.$executeRawUnsafe(`SELECT ${lock}(hashtextextended($1, 0))`, `rounds.liaisons:${departmentId}`);
}
