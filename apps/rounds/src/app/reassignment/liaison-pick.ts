/** A person holding dept_liaison in a department, as the projection keeps it. */
export interface LiaisonCandidate {
  personId: string;
  bindingId: string;
  validFrom: Date;
}

/**
 * The liaison a task goes to: the longest-standing binding (earliest validFrom), then the binding
 * id, so every replica and every re-run picks the same person. Null when nobody is left.
 */
export function pickLiaison(
  candidates: readonly LiaisonCandidate[],
  excludePersonIds: readonly string[] = [],
): string | null {
  const excluded = new Set(excludePersonIds);
  const sorted = candidates
    .filter((candidate) => !excluded.has(candidate.personId))
    .sort((a, b) => a.validFrom.getTime() - b.validFrom.getTime() || a.bindingId.localeCompare(b.bindingId));
  return sorted[0]?.personId ?? null;
}
