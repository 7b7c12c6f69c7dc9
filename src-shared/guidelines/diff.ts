/**
 * Comparison of two versions of a guideline, line by line (one line per block, with its
 * number), then word by word inside lines that changed. The result serves both views: inline
 * (parts in order) and side by side (left = before without insertions, right = after without
 * deletions).
 */
export interface DiffPart {
  op: 'same' | 'ins' | 'del';
  text: string;
}

export interface DiffRow {
  op: 'same' | 'ins' | 'del' | 'changed';
  parts: DiffPart[];
}

function lcsPairs<T>(a: readonly T[], b: readonly T[]): [number, number][] {
  const n = a.length, m = b.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
    table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  }
  const pairs: [number, number][] = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { pairs.push([i, j]); i++; j++; }
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

export function diffWords(before: string, after: string): DiffPart[] {
  const a = before.split(/(\s+)/).filter(Boolean);
  const b = after.split(/(\s+)/).filter(Boolean);
  const out: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    const last = out.at(-1);
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  let i = 0, j = 0;
  for (const [pi, pj] of [...lcsPairs(a, b), [a.length, b.length] as [number, number]]) {
    while (i < pi) push('del', a[i++]!);
    while (j < pj) push('ins', b[j++]!);
    if (i < a.length && j < b.length) { push('same', a[i]!); i++; j++; }
  }
  return out;
}

/** Line diff; a deleted line followed by an inserted one is shown as one changed line. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let i = 0, j = 0;
  const flush = (pi: number, pj: number) => {
    const dels = before.slice(i, pi), inss = after.slice(j, pj);
    const paired = Math.min(dels.length, inss.length);
    for (let k = 0; k < paired; k++) rows.push({ op: 'changed', parts: diffWords(dels[k]!, inss[k]!) });
    for (const d of dels.slice(paired)) rows.push({ op: 'del', parts: [{ op: 'del', text: d }] });
    for (const s of inss.slice(paired)) rows.push({ op: 'ins', parts: [{ op: 'ins', text: s }] });
    i = pi; j = pj;
  };
  for (const [pi, pj] of lcsPairs(before, after)) {
    flush(pi, pj);
    rows.push({ op: 'same', parts: [{ op: 'same', text: before[pi]! }] });
    i = pi + 1; j = pj + 1;
  }
  flush(before.length, after.length);
  return rows;
}
