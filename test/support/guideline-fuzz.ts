/**
 * Guideline bodies on several simulated laptops (pure Yjs documents, deleted content kept as the
 * app keeps it), merged as the app merges them: shared by the merge's unit test and its bench.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { docFromGuideline, readGuideline } from '../../src-main/services/guidelines/body.js';
import { mergeBody } from '../../src-shared/guidelines/merge.js';
import { moveArticleInDoc } from '../../src-shared/guidelines/move.js';
import { articleRange, blockLines, type GBlock } from '../../src-shared/guidelines/structure.js';

export const body = (): GBlock[] => [
  { kind: 'titulo', uid: 't1', runs: [{ text: 'Del uso de las TIC' }] },
  { kind: 'capitulo', uid: 'c1', runs: [{ text: 'Disposiciones generales' }] },
  { kind: 'articulo', uid: 'a', runs: [{ text: 'Objeto de los lineamientos, según el ' }, { ref: 'b' }, { text: '.' }] },
  { kind: 'fraccion', runs: [{ text: 'Contraseñas;', italic: true }] },
  { kind: 'fraccion', runs: [{ text: 'Redes.' }] },
  { kind: 'articulo', uid: 'b', runs: [{ text: 'Definiciones.' }] },
  { kind: 'paragraph', runs: [{ text: 'Para efectos de estos lineamientos.' }] },
  { kind: 'capitulo', uid: 'c2', runs: [{ text: 'Del correo' }] },
  { kind: 'articulo', uid: 'c', runs: [{ text: 'Del correo institucional.' }] },
  { kind: 'articulo', uid: 'd', runs: [{ text: 'De las cuentas.' }] },
];

export const frag = (doc: Y.Doc) => doc.getXmlFragment('default');

/** Laptops holding the same body; deleted content is kept (gc off), as the app's merge needs. */
export function laptops(n: number, blocks = body(), clientIds?: number[]): Y.Doc[] {
  const start = Y.encodeStateAsUpdate(docFromGuideline(blocks));
  return Array.from({ length: n }, (_, i) => {
    const d = new Y.Doc({ gc: false });
    // Yjs orders concurrent inserts by client id: fixed ids make a fuzz run repeatable.
    if (clientIds) d.clientID = clientIds[i]!;
    Y.applyUpdate(d, start);
    return d;
  });
}

/** `to` receives what `from` has that it lacks, and repairs its own text (its clientID is its laptop; with `allOwn`, every character). */
export function receive(to: Y.Doc, from: Y.Doc, allOwn = false) {
  const update = Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));
  mergeBody(to, () => Y.applyUpdate(to, update), (client) => allOwn || client === to.clientID);
}
const receiveOn = receive;

/** Syncs every pair until nothing changes, in the given order of pairs. */
export function converge(docs: Y.Doc[], order: [number, number][] = pairs(docs.length), merge = receive) {
  for (let round = 0; round < 10; round++) {
    const before = docs.map((d) => Y.encodeStateAsUpdate(d).length + Y.encodeStateVector(d).join());
    for (const [a, b] of order) merge(docs[a]!, docs[b]!);
    const after = docs.map((d) => Y.encodeStateAsUpdate(d).length + Y.encodeStateVector(d).join());
    if (before.join('|') === after.join('|')) return;
  }
  throw new Error('the laptops did not converge');
}

export function pairs(n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) out.push([a, b]);
  return out;
}

export const lines = (doc: Y.Doc) => blockLines(readGuideline(doc));

/** What the body holds, duplicates included (readers hide a repeated article; the stored body must not need that). */
export function rawUids(doc: Y.Doc): string[] {
  return frag(doc)
    .toArray()
    .map((n) => (n instanceof Y.XmlElement ? n.getAttribute('uid') : undefined))
    .filter((u): u is string => typeof u === 'string');
}

export function headText(doc: Y.Doc, uid: string): Y.XmlText {
  const el = frag(doc).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('uid') === uid) as Y.XmlElement;
  return el.toArray().find((c) => c instanceof Y.XmlText) as Y.XmlText;
}

export function typeAt(doc: Y.Doc, uid: string, text: string, at?: number) {
  const t = headText(doc, uid);
  t.insert(at ?? t.length, text);
}

export function deleteArticle(doc: Y.Doc, uid: string) {
  const range = articleRange(readGuideline(doc), uid)!;
  frag(doc).delete(range[0], range[1] - range[0]);
}

export const articleLine = (doc: Y.Doc, uid: string) => {
  const blocks = readGuideline(doc);
  const i = blocks.findIndex((b) => b.uid === uid);
  return i < 0 ? undefined : blockLines(blocks)[i];
};

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random moves, typing and deletions (and, with `addFracciones`, new fracciones) on `laptopsCount` laptops, merged pairwise in random orders as
 * they happen and then until nothing changes. Returns what went wrong (nothing when every laptop
 * reads the same body, each article once, no deleted article back, and every token typed into a
 * surviving article in it exactly once) and how long the merges took.
 */
export function fuzz(seed: number, laptopsCount: number, steps: number, options: { addFracciones?: boolean; legacy?: boolean; erase?: boolean; trace?: (line: string, docs: Y.Doc[]) => void } = {}): { problems: string[]; mergeMs: number; merges: number } {
  const rnd = random(seed);
  // With `legacy`, laptop 0 counts every character as its own, as a draft from before `pulled` was kept does.
  const receive = (to: Y.Doc, from: Y.Doc) => receiveOn(to, from, !!options.legacy && to === docs[0]);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const docs = laptops(laptopsCount, body(), Array.from({ length: laptopsCount }, () => Math.floor(rnd() * 2 ** 31)));
  const typed = new Map<string, string[]>();
  const erased = new Set<string>();
  /** Erases a whole token from an article's text, with the space before it; false when it holds none. */
  const eraseToken = (d: Y.Doc, uid: string) => {
    const t = headText(d, uid);
    const found = [...t.toString().replace(/<[^>]*>/g, '').matchAll(/ «t\d+-\d+»/g)];
    if (!found.length) return false;
    const m = pick(found);
    t.delete(m.index, m[0].length);
    erased.add(m[0].trim());
    options.trace?.(`${docs.indexOf(d)} erases ${m[0].trim()} from ${uid}`, docs);
    return true;
  };
  const added = new Map<string, string[]>();
  const deleted = new Set<string>();
  let token = 0;
  let mergeMs = 0;
  let merges = 0;
  const timed = (f: () => void) => {
    const t0 = performance.now();
    f();
    mergeMs += performance.now() - t0;
    merges++;
  };
  for (let step = 0; step < steps; step++) {
    const d = pick(docs);
    const articles = readGuideline(d).filter((b) => b.kind === 'articulo').map((b) => b.uid!);
    const roll = rnd();
    if (roll < 0.3 && articles.length) {
      const uid = pick(articles);
      const dir = rnd() < 0.5 ? -1 : 1;
      const moved = moveArticleInDoc(frag(d), uid, dir);
      options.trace?.(`${docs.indexOf(d)} moves ${uid} ${dir}${moved ? '' : ' (cannot)'}`, docs);
    } else if (roll < 0.4 && options.erase && articles.length && eraseToken(d, pick(articles))) {
      // (eraseToken did it)
    } else if (roll < 0.75 && articles.length) {
      const uid = pick(articles);
      const text = ` «t${seed}-${++token}»`;
      const t = headText(d, uid);
      // Anywhere but inside an earlier token, so each token can be looked for whole.
      const plainText = t.toString().replace(/<[^>]*>/g, '');
      const places = [0, plainText.length, ...[...plainText.matchAll(/»/g)].map((m) => m.index + 1)];
      t.insert(pick(places), text);
      typed.set(uid, [...(typed.get(uid) ?? []), text]);
      options.trace?.(`${docs.indexOf(d)} types${text} into ${uid}`, docs);
    } else if (roll < 0.8 && articles.length && options.addFracciones) {
      // A new fracción right under the article's heading.
      const uid = pick(articles);
      const text = `«f${seed}-${++token}»`;
      const el = new Y.XmlElement('glFraccion');
      el.insert(0, [new Y.XmlText(text)]);
      const at = frag(d)
        .toArray()
        .findIndex((n) => n instanceof Y.XmlElement && n.nodeName === 'glArticulo' && n.getAttribute('uid') === uid);
      frag(d).insert(at + 1, [el]);
      added.set(uid, [...(added.get(uid) ?? []), text]);
      options.trace?.(`${docs.indexOf(d)} adds fracción ${text} under ${uid}`, docs);
    } else if (roll < 0.86 && articles.length > 2) {
      const uid = pick(articles);
      deleteArticle(d, uid);
      deleted.add(uid);
      options.trace?.(`${docs.indexOf(d)} deletes ${uid}`, docs);
    } else {
      const a = pick(docs);
      const b = pick(docs);
      if (a !== b) {
        timed(() => receive(a, b));
        options.trace?.(`${docs.indexOf(a)} receives from ${docs.indexOf(b)}:\n    ${lines(a).join('\n    ')}`, docs);
      }
    }
  }
  const order = pairs(docs.length).sort(() => rnd() - 0.5);
  const traced = (a: Y.Doc, b: Y.Doc) => {
    receive(a, b);
    options.trace?.(`${docs.indexOf(a)} receives from ${docs.indexOf(b)} (converging)`, docs);
  };
  timed(() => converge(docs, order, options.trace ? traced : receive));
  const problems: string[] = [];
  const first = lines(docs[0]!).join('\n');
  docs.forEach((d, n) => {
    const at = `seed ${seed}, laptop ${n}`;
    if (lines(d).join('\n') !== first) problems.push(`${at}: reads differently from laptop 0`);
    const uids = rawUids(d);
    if (new Set(uids).size !== uids.length) problems.push(`${at}: a heading or article is there twice`);
    for (const uid of deleted) if (uids.includes(uid)) problems.push(`${at}: deleted article ${uid} came back`);
    const all = lines(d).join('\n');
    const blocks = readGuideline(d);
    for (const [uid, texts] of added) {
      if (deleted.has(uid)) continue;
      const start = blocks.findIndex((b) => b.kind === 'articulo' && b.uid === uid);
      let end = start + 1;
      while (start >= 0 && end < blocks.length && !['titulo', 'capitulo', 'seccion', 'articulo'].includes(blocks[end]!.kind)) end++;
      const span = start < 0 ? [] : lines(d).slice(start, end);
      for (const text of texts) {
        if (!all.includes(text)) problems.push(`${at}: fracción ${text} added under article ${uid} is gone`);
        else if (!span.some((l) => l.includes(text))) problems.push(`${at}: fracción ${text} is not under article ${uid}`);
        else if (all.split(text).length - 1 !== 1) problems.push(`${at}: fracción ${text} is there more than once`);
      }
    }
    for (const text of erased) if (all.includes(text)) problems.push(`${at}: erased ${text} came back`);
    for (const [uid, texts] of typed) {
      if (deleted.has(uid)) continue;
      const line = articleLine(d, uid);
      if (line === undefined) {
        problems.push(`${at}: article ${uid} is gone`);
        continue;
      }
      for (const text of texts) {
        if (erased.has(text.trim())) continue;
        if (!line.includes(text.trim())) problems.push(`${at}: ${text.trim()} is not in article ${uid}`);
        else if (all.split(text.trim()).length - 1 !== 1) problems.push(`${at}: ${text.trim()} is there more than once`);
      }
    }
  });
  return { problems, mergeMs, merges };
}
