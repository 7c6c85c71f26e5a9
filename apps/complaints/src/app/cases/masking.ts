/**
 * How personal data is shown to someone without the right to read it (complaints.case.read-personal):
 * the name's first character and a star for each of the others (张三丰 → 张**), no contact at all.
 */
export function maskName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length === 0) return '';
  return characters[0] + '*'.repeat(Math.max(1, characters.length - 1));
}

export interface RequesterView {
  name: string;
  contact: string | null;
  type: string | null;
  masked: boolean;
}

export function requesterView(
  requester: { name: string; contact: string } | null,
  type: string | null,
  mayReadPersonal: boolean,
): RequesterView {
  if (!requester) return { name: '', contact: null, type, masked: true };
  if (mayReadPersonal) return { name: requester.name, contact: requester.contact, type, masked: false };
  return { name: maskName(requester.name), contact: null, type, masked: true };
}
