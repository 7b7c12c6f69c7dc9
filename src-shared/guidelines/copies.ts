import * as Y from 'yjs';

/**
 * Yjs has no move: moving an article (and restoring a version) deletes blocks and inserts copies.
 * Each copy is recorded in the body document's `copies` map, keyed by the copy's Yjs id, so a
 * later merge can tell which items the copy was made of (`by` between `since` and `upto`), which
 * block it copied (`from`; none for a restored version) and, for each of its texts, the ids of
 * the characters it copied, in order, as runs [client, clock, length] (`texts`): a character of a
 * copy thus leads back to the character someone typed. The map syncs with the body like any
 * other edit and its keys never collide (Yjs ids are unique).
 */
export const COPIES = 'copies';

export interface CopyRecord {
  from?: string;
  by: number;
  since: number;
  upto: number;
  /** A Lamport clock over copies: higher than every copy its copier knew of (merge.ts keeps the highest). */
  seq?: number;
  texts?: number[][];
  /** For characters a merge carried over (merge.ts): the ids of those they carry, in clock order. */
  chars?: number[];
}

const isRuns = (t: unknown): t is number[] => Array.isArray(t) && t.length % 3 === 0 && t.every((n) => Number.isInteger(n) && n >= 0);

/** A record read from the map, or undefined when it is not one (the map syncs: never trust it). */
export function parseRecord(value: unknown): CopyRecord | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const r = value as Partial<CopyRecord>;
  if (typeof r.by !== 'number' || typeof r.since !== 'number' || typeof r.upto !== 'number') return undefined;
  if (r.from !== undefined && typeof r.from !== 'string') return undefined;
  if (r.seq !== undefined && !Number.isInteger(r.seq)) return undefined;
  if (r.texts !== undefined && !(Array.isArray(r.texts) && r.texts.every(isRuns))) return undefined;
  if (r.chars !== undefined && !isRuns(r.chars)) return undefined;
  return r as CopyRecord;
}

export const idKey = (id: Y.ID): string => `${id.client}:${id.clock}`;

export function parseKey(key: string): Y.ID | null {
  const m = /^(\d+):(\d+)$/.exec(key);
  return m ? Y.createID(Number(m[1]), Number(m[2])) : null;
}

export function copyRecord(doc: Y.Doc, block: Y.XmlElement | Y.XmlText): CopyRecord | undefined {
  const item = block._item;
  if (!item) return undefined;
  return parseRecord(doc.getMap<unknown>(COPIES).get(idKey(item.id)));
}

/**
 * Runs `write`, which inserts the `copies` (and may delete what they copy), in one transaction,
 * and records each copy with the block it copies (or null) in the `copies` map.
 */
export function withCopies(doc: Y.Doc, copies: readonly [from: Y.XmlElement | Y.XmlText | null, copy: Y.XmlElement | Y.XmlText][], write: () => void): void {
  // Read before `write`, which may delete the originals.
  const sources = copies.map(([from]) => (from?._item ? { from: idKey(from._item.id), texts: textsOf(from, false).map(visibleRuns) } : {}));
  const since = Y.getState(doc.store, doc.clientID);
  let seq = 0;
  doc.getMap<unknown>(COPIES).forEach((v) => (seq = Math.max(seq, parseRecord(v)?.seq ?? 0)));
  seq++;
  doc.transact(() => {
    write();
    // Before the map's own entries, which take clocks of their own.
    const upto = Y.getState(doc.store, doc.clientID);
    const map = doc.getMap<unknown>(COPIES);
    copies.forEach(([, copy], i) => {
      if (!copy._item) return;
      const rec: CopyRecord = { by: doc.clientID, since, upto, seq, ...sources[i] };
      map.set(idKey(copy._item.id), rec);
    });
  });
}

/** The texts inside a block, in order; `all` includes deleted ones. */
export function textsOf(node: Y.XmlElement | Y.XmlText, all: boolean): Y.XmlText[] {
  if (node instanceof Y.XmlText) return [node];
  const out: Y.XmlText[] = [];
  for (let item = node._start; item; item = item.right) {
    if (!(item.content instanceof Y.ContentType) || (!all && item.deleted)) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlText) out.push(child);
    else if (child instanceof Y.XmlElement) out.push(...textsOf(child, all));
  }
  return out;
}

/** Appends the id client:clock to runs [client, clock, length]. */
export function addToRuns(runs: number[], client: number, clock: number, len = 1): void {
  const n = runs.length;
  if (n && runs[n - 3] === client && runs[n - 2]! + runs[n - 1]! === clock) runs[n - 1]! += len;
  else runs.push(client, clock, len);
}

/** The ids of a text's visible characters, as runs [client, clock, length]. */
function visibleRuns(text: Y.XmlText): number[] {
  const runs: number[] = [];
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    addToRuns(runs, item.id.client, item.id.clock, item.content.str.length);
  }
  return runs;
}
