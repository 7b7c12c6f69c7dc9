import * as Y from 'yjs';
import { addToRuns, COPIES, idKey, parseKey, parseRecord, textsOf, type CopyRecord } from './copies.js';

/**
 * Carrying characters from one copy of a block to another (merge.ts): which typed character each
 * one stands for (Lineage), and `transplant`, which inserts the ones a role picks into the other
 * copy after the copy of the character they followed.
 */

/**
 * Leads each character back to the one someone typed: a character a copy was made of stands for
 * the character it copied (see copies.ts), and a restored version's characters stand for nothing
 * anyone typed here (they are never carried over).
 */
export class Lineage {
  private readonly parent = new Map<string, string | null>();

  constructor(doc: Y.Doc) {
    doc.getMap<unknown>(COPIES).forEach((value, key) => {
      const rec = parseRecord(value);
      const id = parseKey(key);
      if (!rec || !id) return;
      if (rec.chars) {
        // The map syncs: a record claims no more characters than its author has made.
        const end = Math.min(rec.upto, Y.getState(doc.store, rec.by));
        let clock = rec.since;
        for (let r = 0; r < rec.chars.length && clock < end; r += 3)
          for (let j = 0; j < rec.chars[r + 2]! && clock < end; j++) this.parent.set(`${rec.by}:${clock++}`, `${rec.chars[r]}:${rec.chars[r + 1]! + j}`);
        return;
      }
      let node: unknown;
      try {
        node = (Y.getItem(doc.store, id).content as Partial<Y.ContentType>).type;
      } catch {
        return; // the copy's block has not arrived yet
      }
      if (!(node instanceof Y.XmlElement) && !(node instanceof Y.XmlText)) return;
      textsOf(node, true).forEach((text, k) => {
        const runs = rec.texts?.[k] ?? [];
        let r = 0;
        let offset = 0;
        for (let item = text._start; item; item = item.right) {
          if (!(item.content instanceof Y.ContentString) || !madeBy(rec, item.id)) continue;
          for (let j = 0; j < item.content.str.length; j++) {
            let source: string | null = null;
            if (rec.from !== undefined && r < runs.length) {
              source = `${runs[r]}:${runs[r + 1]! + offset}`;
              if (++offset >= runs[r + 2]!) {
                r += 3;
                offset = 0;
              }
            }
            this.parent.set(`${item.id.client}:${item.id.clock + j}`, source);
          }
        }
      });
    });
  }

  /** The character `id` was copied from: undefined when it is no copy, null for a restored one. */
  source(id: Y.ID): Y.ID | null | undefined {
    const parent = this.parent.get(idKey(id));
    return parent === undefined ? undefined : parent === null ? null : parseKey(parent);
  }

  private readonly roots = new Map<string, Y.ID | null>();

  /** The typed character `id` stands for, or null for a restored one (or a cycle, which only a damaged map makes). */
  root(id: Y.ID): Y.ID | null {
    const start = idKey(id);
    const known = this.roots.get(start);
    if (known !== undefined) return known;
    const path: string[] = [];
    let key = start;
    let found: Y.ID | null = null;
    for (let hops = 0; hops < 100_000; hops++) {
      const cached = this.roots.get(key);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      path.push(key);
      if (!this.parent.has(key)) {
        found = parseKey(key);
        break;
      }
      const next = this.parent.get(key)!;
      if (next === null || path.length > this.parent.size) break;
      key = next;
    }
    for (const k of path) this.roots.set(k, found);
    return found;
  }

  /** Every typed character a block's texts stand for, deleted ones included (a deletion there is kept). */
  rootsOf(node: Y.XmlElement | Y.XmlText): Set<string> {
    const out = new Set<string>();
    for (const text of textsOf(node, true))
      for (let item = text._start; item; item = item.right) {
        if (!(item.content instanceof Y.ContentString)) continue;
        for (let j = 0; j < item.content.str.length; j++) {
          const root = this.root(Y.createID(item.id.client, item.id.clock + j));
          if (root) out.add(idKey(root));
        }
      }
    return out;
  }
}

const madeBy = (rec: CopyRecord, id: Y.ID) => id.client === rec.by && id.clock >= rec.since && id.clock < rec.upto;

/** The clock of the first character this laptop inserted from `clock` on (formatting marks come first). */
function firstCharFrom(doc: Y.Doc, clock: number): number | undefined {
  const end = Y.getState(doc.store, doc.clientID);
  for (let c = clock; c < end; c++) if (Y.getItem(doc.store, Y.createID(doc.clientID, c)).content instanceof Y.ContentString) return c;
  return undefined;
}

/** A text as Y.Text counts it: an embed is one position. */
function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '\uFFFC')).join('');
}

export type Role = 'skip' | 'base' | 'extra';

/**
 * Inserts into `target`'s texts the characters of `source`'s texts that `role` calls extra, each
 * run right after the target's copy of the base character before it (by lineage, so repeated
 * words cannot mislead it), or where a character alignment of the two texts puts it.
 */
export function transplant(source: Y.XmlElement | Y.XmlText, target: Y.XmlElement | Y.XmlText, role: (id: Y.ID, deleted: boolean) => Role, lineage: Lineage): void {
  const from = textsOf(source, true);
  const to = textsOf(target, false);
  from.forEach((text, k) => {
    let base = '';
    const baseRoots: string[] = [];
    const adds: { at: number; text: string; ids: number[] }[] = [];
    for (let item = text._start; item; item = item.right) {
      if (!(item.content instanceof Y.ContentString)) continue;
      const str = item.content.str;
      for (let j = 0; j < str.length; j++) {
        const id = Y.createID(item.id.client, item.id.clock + j);
        const r = role(id, item.deleted);
        if (r === 'base') {
          base += str[j];
          const root = lineage.root(id);
          baseRoots.push(root ? idKey(root) : '');
        } else if (r === 'extra') {
          let last = adds[adds.length - 1];
          if (!last || last.at !== base.length) adds.push((last = { at: base.length, text: '', ids: [] }));
          last.text += str[j];
          addToRuns(last.ids, item.id.client, item.id.clock + j);
        }
      }
    }
    if (!adds.length) return;
    let dest = to[k];
    if (!dest) {
      if (!(target instanceof Y.XmlElement)) return;
      dest = new Y.XmlText();
      target.insert(target.length, [dest]);
    }
    const at = positionsByRoot(dest, lineage);
    const aligned = align(base, plain(dest));
    const place = (i: number) => {
      for (let b = i - 1; b >= 0; b--) {
        const p = at.get(baseRoots[b]!);
        if (p !== undefined) return p + 1;
      }
      return at.size ? 0 : aligned(i);
    };
    for (const a of [...adds].reverse()) {
      const doc = dest.doc!;
      const clock = Y.getState(doc.store, doc.clientID);
      dest.insert(place(a.at), a.text);
      // The carried characters stand for those they carry, so no later merge carries them again.
      const first = firstCharFrom(doc, clock);
      if (first !== undefined) doc.getMap<unknown>(COPIES).set(`${doc.clientID}:${first}`, { by: doc.clientID, since: first, upto: first + a.text.length, chars: a.ids } satisfies CopyRecord);
    }
  });
}

/** Where each visible character of a text stands (as Y.Text counts), by the typed character it stands for. */
function positionsByRoot(text: Y.XmlText, lineage: Lineage): Map<string, number> {
  const out = new Map<string, number>();
  let at = 0;
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (item.content instanceof Y.ContentString) {
      for (let j = 0; j < item.content.str.length; j++) {
        const root = lineage.root(Y.createID(item.id.client, item.id.clock + j));
        if (root) out.set(idKey(root), at + j);
      }
    }
    at += item.length;
  }
  return out;
}

/**
 * Where an insertion at offset `i` of `base` lands in `live`: right after the live character that
 * the base character before it matches in a longest common subsequence (at 0 when none does).
 */
export function align(base: string, live: string): (i: number) => number {
  let pre = 0;
  while (pre < base.length && pre < live.length && base[pre] === live[pre]) pre++;
  let suf = 0;
  while (suf < base.length - pre && suf < live.length - pre && base[base.length - 1 - suf] === live[live.length - 1 - suf]) suf++;
  const a = base.slice(pre, base.length - suf);
  const b = live.slice(pre, live.length - suf);
  // match[i] = index in live of base[i], or -1.
  const match = new Array<number>(base.length).fill(-1);
  for (let i = 0; i < pre; i++) match[i] = i;
  for (let i = 0; i < suf; i++) match[base.length - 1 - i] = live.length - 1 - i;
  if (a.length && b.length && a.length * b.length <= 4_000_000) {
    const w = b.length + 1;
    const dp = new Uint32Array((a.length + 1) * w);
    for (let i = a.length - 1; i >= 0; i--)
      for (let j = b.length - 1; j >= 0; j--) dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    for (let i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] === b[j]) {
        match[pre + i] = pre + j;
        i++;
        j++;
      } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
      else j++;
    }
  }
  return (i) => {
    for (let k = i - 1; k >= 0; k--) if (match[k]! >= 0) return match[k]! + 1;
    return 0;
  };
}
