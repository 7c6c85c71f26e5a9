/**
 * The fields of `changes` whose value differs from `current` (compared as JSON, so arrays and
 * objects compare by content): an edit that changes nothing writes nothing and emits nothing.
 */
export function changedFields<TChanges extends object>(changes: TChanges, current: object): string[] {
  return Object.keys(changes).filter(
    (field) =>
      JSON.stringify(changes[field as keyof TChanges]) !==
      JSON.stringify((current as Record<string, unknown>)[field]),
  );
}
