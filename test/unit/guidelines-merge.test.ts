import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docFromGuideline, readGuideline, replaceBody } from '../../src-main/services/guidelines/body.js';
import { mergeBody } from '../../src-shared/guidelines/merge.js';
import { moveArticleInDoc } from '../../src-shared/guidelines/move.js';
import { articleRange, blockLines, type GBlock } from '../../src-shared/guidelines/structure.js';

const body = (): GBlock[] => [
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

const frag = (doc: Y.Doc) => doc.getXmlFragment('default');

/** Laptops holding the same body; deleted content is kept (gc off), as the app's merge needs. */
function laptops(n: number, blocks = body(), clientIds?: number[]): Y.Doc[] {
  const start = Y.encodeStateAsUpdate(docFromGuideline(blocks));
  return Array.from({ length: n }, (_, i) => {
    const d = new Y.Doc({ gc: false });
    // Yjs orders concurrent inserts by client id: fixed ids make a fuzz run repeatable.
    if (clientIds) d.clientID = clientIds[i]!;
    Y.applyUpdate(d, start);
    return d;
  });
}

/** `to` receives what `from` has that it lacks, and repairs its own text (its clientID is its laptop). */
function receive(to: Y.Doc, from: Y.Doc) {
  const update = Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));
  mergeBody(to, () => Y.applyUpdate(to, update), (client) => client === to.clientID);
}

/** Syncs every pair until nothing changes, in the given order of pairs. */
function converge(docs: Y.Doc[], order: [number, number][] = pairs(docs.length)) {
  for (let round = 0; round < 10; round++) {
    const before = docs.map((d) => Y.encodeStateAsUpdate(d).length + Y.encodeStateVector(d).join());
    for (const [a, b] of order) receive(docs[a]!, docs[b]!);
    const after = docs.map((d) => Y.encodeStateAsUpdate(d).length + Y.encodeStateVector(d).join());
    if (before.join('|') === after.join('|')) return;
  }
  throw new Error('the laptops did not converge');
}

function pairs(n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) out.push([a, b]);
  return out;
}

const lines = (doc: Y.Doc) => blockLines(readGuideline(doc));

/** What the body holds, duplicates included (readers hide a repeated article; the stored body must not need that). */
function rawUids(doc: Y.Doc): string[] {
  return frag(doc)
    .toArray()
    .map((n) => (n instanceof Y.XmlElement ? n.getAttribute('uid') : undefined))
    .filter((u): u is string => typeof u === 'string');
}

function headText(doc: Y.Doc, uid: string): Y.XmlText {
  const el = frag(doc).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('uid') === uid) as Y.XmlElement;
  return el.toArray().find((c) => c instanceof Y.XmlText) as Y.XmlText;
}

function typeAt(doc: Y.Doc, uid: string, text: string, at?: number) {
  const t = headText(doc, uid);
  t.insert(at ?? t.length, text);
}

function deleteArticle(doc: Y.Doc, uid: string) {
  const range = articleRange(readGuideline(doc), uid)!;
  frag(doc).delete(range[0], range[1] - range[0]);
}

const articleLine = (doc: Y.Doc, uid: string) => {
  const blocks = readGuideline(doc);
  const i = blocks.findIndex((b) => b.uid === uid);
  return i < 0 ? undefined : blockLines(blocks)[i];
};

function expectSame(docs: Y.Doc[]) {
  for (const d of docs) {
    expect(lines(d)).toEqual(lines(docs[0]!));
    expect(new Set(rawUids(d)).size).toBe(rawUids(d).length);
  }
}

describe('merging guideline bodies', () => {
  it.each([
    ['the mover syncs first', [[1, 0], [0, 1]] as [number, number][]],
    ['the editor syncs first', [[0, 1], [1, 0]] as [number, number][]],
  ])('text typed inside an article while another laptop moves it survives, with the move (%s)', (_, order) => {
    const [a, b] = laptops(2);
    moveArticleInDoc(frag(a!), 'c', -1);
    typeAt(a!, 'c', ' (revisado)');
    typeAt(b!, 'c', ' y sus listas', 'Del correo institucional'.length);
    converge([a!, b!], order);
    expectSame([a!, b!]);
    expect(lines(a!)).toContain('Artículo 3. Del correo institucional y sus listas. (revisado)');
    // Moved: it now closes the first capítulo.
    expect(lines(a!).indexOf('Artículo 3. Del correo institucional y sus listas. (revisado)')).toBeLessThan(lines(a!).indexOf('CAPÍTULO II. Del correo'));
  });

  it('text typed into a fracción of a moved article survives too', () => {
    const [a, b] = laptops(2);
    moveArticleInDoc(frag(a!), 'a', 1);
    const fraccion = frag(b!).get(3) as Y.XmlElement;
    (fraccion.get(0) as Y.XmlText).insert('Contraseñas'.length, ' seguras');
    converge([a!, b!]);
    expectSame([a!, b!]);
    expect(lines(a!).slice(2, 7)).toEqual([
      'Artículo 1. Definiciones.',
      'Para efectos de estos lineamientos.',
      'Artículo 2. Objeto de los lineamientos, según el artículo 1.',
      'I. Contraseñas seguras;',
      'II. Redes.',
    ]);
  });

  it('two laptops moving the same article keep one copy with what each typed into its own copy', () => {
    const [a, b] = laptops(2);
    moveArticleInDoc(frag(a!), 'd', -1);
    moveArticleInDoc(frag(b!), 'd', -1);
    typeAt(a!, 'd', ' Uno.');
    typeAt(b!, 'd', ' Dos.');
    converge([a!, b!]);
    expectSame([a!, b!]);
    expect(rawUids(a!).filter((u) => u === 'd')).toHaveLength(1);
    const d = articleLine(a!, 'd')!;
    expect(d).toMatch(/^Artículo 3\. De las cuentas\./);
    expect(d).toContain(' Uno.');
    expect(d).toContain(' Dos.');
  });

  it.each([
    ['the mover syncs first', [[1, 0], [0, 1]] as [number, number][]],
    ['the deleter syncs first', [[0, 1], [1, 0]] as [number, number][]],
  ])('an article one laptop deletes while another moves it stays deleted (%s)', (_, order) => {
    const [a, b] = laptops(2);
    moveArticleInDoc(frag(a!), 'a', 1);
    deleteArticle(b!, 'a');
    converge([a!, b!], order);
    expectSame([a!, b!]);
    expect(lines(a!).join('\n')).not.toContain('Objeto de los lineamientos');
    expect(lines(a!).join('\n')).not.toContain('Contraseñas');
    expect(rawUids(a!)).toEqual(['t1', 'c1', 'b', 'c2', 'c', 'd']);
  });

  it('two offline restores leave every heading and article once, with what was typed after each restore', () => {
    const version = body().slice(0, 7);
    const [a, b] = laptops(2);
    typeAt(a!, 'b', ' (borrador)');
    replaceBody(a!, version);
    replaceBody(b!, version);
    typeAt(a!, 'a', ' Ajuste de A.', 0);
    typeAt(b!, 'b', ' Ajuste de B.');
    converge([a!, b!]);
    expectSame([a!, b!]);
    expect(rawUids(a!)).toEqual(['t1', 'c1', 'a', 'b']);
    expect(lines(a!)).toEqual([
      'TÍTULO PRIMERO. Del uso de las TIC',
      'CAPÍTULO I. Disposiciones generales',
      'Artículo 1.  Ajuste de A.Objeto de los lineamientos, según el artículo 2.',
      'I. Contraseñas;',
      'II. Redes.',
      'Artículo 2. Definiciones. Ajuste de B.',
      'Para efectos de estos lineamientos.',
    ]);
  });

  it('fuzz: random moves, typing and deletions on three laptops, merged in random orders, lose no surviving text and keep deletions', () => {
    for (let seed = 1; seed <= 25; seed++) fuzz(seed, 3, 30);
  });
});

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

export function fuzz(seed: number, laptopsCount: number, steps: number) {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const docs = laptops(laptopsCount, body(), Array.from({ length: laptopsCount }, () => Math.floor(rnd() * 2 ** 31)));
  const typed = new Map<string, string[]>();
  const deleted = new Set<string>();
  let token = 0;
  for (let step = 0; step < steps; step++) {
    const d = pick(docs);
    const articles = readGuideline(d).filter((b) => b.kind === 'articulo').map((b) => b.uid!);
    const roll = rnd();
    if (roll < 0.3 && articles.length) {
      moveArticleInDoc(frag(d), pick(articles), rnd() < 0.5 ? -1 : 1);
    } else if (roll < 0.75 && articles.length) {
      const uid = pick(articles);
      const text = ` «t${seed}-${++token}»`;
      const t = headText(d, uid);
      // Anywhere but inside an earlier token, so each token can be looked for whole.
      const plainText = t.toString().replace(/<[^>]*>/g, '');
      const places = [0, plainText.length, ...[...plainText.matchAll(/»/g)].map((m) => m.index + 1)];
      t.insert(pick(places), text);
      typed.set(uid, [...(typed.get(uid) ?? []), text]);
    } else if (roll < 0.82 && articles.length > 2) {
      const uid = pick(articles);
      deleteArticle(d, uid);
      deleted.add(uid);
    } else {
      const a = pick(docs);
      const b = pick(docs);
      if (a !== b) receive(a, b);
    }
  }
  const order = pairs(docs.length).sort(() => rnd() - 0.5);
  converge(docs, order);
  const context = `seed ${seed}`;
  for (const d of docs) {
    expect(lines(d), context).toEqual(lines(docs[0]!));
    const uids = rawUids(d);
    expect(new Set(uids).size, context).toBe(uids.length);
    for (const uid of deleted) expect(uids, context).not.toContain(uid);
    const all = lines(d).join('\n');
    for (const [uid, texts] of typed) {
      if (deleted.has(uid)) continue;
      const line = articleLine(d, uid);
      expect(line, context).toBeDefined();
      for (const text of texts) {
        expect(line, `${context}: ${text}`).toContain(text.trim());
        expect(all.split(text.trim()).length - 1, `${context}: ${text} once`).toBe(1);
      }
    }
  }
}
