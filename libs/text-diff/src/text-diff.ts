// A line diff of two texts: catalogue's publication diff and rounds' task diff show it.

export interface DiffLine {
  op: 'equal' | 'add' | 'remove';
  text: string;
}

/** Above this many line pairs the LCS table gets too big; the middle is then shown as replaced. */
const MAX_CELLS = 4_000_000;

/** Line diff of two texts (longest common subsequence), old → new. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const head = a.slice(0, start).map((text) => ({ op: 'equal' as const, text }));
  const tail = a.slice(endA).map((text) => ({ op: 'equal' as const, text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle =
    midA.length * midB.length > MAX_CELLS
      ? [
          ...midA.map((text) => ({ op: 'remove' as const, text })),
          ...midB.map((text) => ({ op: 'add' as const, text })),
        ]
      : lcsDiff(midA, midB);
  return [...head, ...middle, ...tail];
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n/g, '\n').split('\n');
}

function lcsDiff(a: string[], b: string[]): DiffLine[] {
  const columns = b.length + 1;
  // lengths[i * columns + j] = LCS length of a[i..] and b[j..]
  const lengths = new Uint32Array((a.length + 1) * columns);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * columns + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * columns + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * columns + j] ?? 0, lengths[i * columns + j + 1] ?? 0);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ op: 'equal', text: a[i] as string });
      i += 1;
      j += 1;
    } else if ((lengths[(i + 1) * columns + j] ?? 0) >= (lengths[i * columns + j + 1] ?? 0)) {
      lines.push({ op: 'remove', text: a[i] as string });
      i += 1;
    } else {
      lines.push({ op: 'add', text: b[j] as string });
      j += 1;
    }
  }
  for (; i < a.length; i += 1) lines.push({ op: 'remove', text: a[i] as string });
  for (; j < b.length; j += 1) lines.push({ op: 'add', text: b[j] as string });
  return lines;
}
