import type { Person } from '@gongkai/contracts';

/** People named in an error message: the first ten by name and staff number, then how many more. */
export function describePeople(people: readonly Person[]): string {
  const named = people.slice(0, 10).map((person) => `${person.name} (${person.staffNo})`);
  return people.length > 10 ? `${named.join(', ')} and ${people.length - 10} more` : named.join(', ');
}
