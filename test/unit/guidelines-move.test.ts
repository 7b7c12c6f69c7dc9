import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docFromGuideline, readGuideline } from '../../src-main/services/guidelines/body.js';
import { blockLines, type GBlock } from '../../src-shared/guidelines/structure.js';
import { mergeBody } from '../../src-shared/guidelines/merge.js';
import { collapseDuplicateArticles, moveArticleInDoc } from '../../src-shared/guidelines/move.js';

const body = (): GBlock[] => [
  { kind: 'capitulo', uid: 'c1', runs: [{ text: 'Disposiciones generales' }] },
  { kind: 'articulo', uid: 'a', runs: [{ text: 'Objeto de los lineamientos, según el ' }, { ref: 'b' }, { text: '.' }] },
  { kind: 'fraccion', runs: [{ text: 'Contraseñas;', italic: true }] },
  { kind: 'fraccion', runs: [{ text: 'Redes.' }] },
  { kind: 'articulo', uid: 'b', runs: [{ text: 'Definiciones.' }] },
  { kind: 'paragraph', runs: [{ text: 'Para efectos de estos lineamientos.' }] },
  { kind: 'articulo', uid: 'c', runs: [{ text: 'Del correo.' }] },
];

/** Two laptops holding the same body, each with its own replica. */
function twoLaptops() {
  const one = docFromGuideline(body());
  const two = new Y.Doc();
  Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
  return { one, two };
}

function merge(one: Y.Doc, two: Y.Doc) {
  const fromOne = Y.encodeStateAsUpdate(one, Y.encodeStateVector(two));
  const fromTwo = Y.encodeStateAsUpdate(two, Y.encodeStateVector(one));
  Y.applyUpdate(two, fromOne);
  Y.applyUpdate(one, fromTwo);
}

/** Types text at the end of the first text of the top-level block whose text starts with `start`. */
function typeInto(doc: Y.Doc, start: string, text: string) {
  const el = doc.getXmlFragment('default').toArray().find((n) => n instanceof Y.XmlElement && (n.toArray()[0] as Y.XmlText | undefined)?.toString().replace(/<[^>]+>/g, '').startsWith(start)) as Y.XmlElement;
  const t = el.toArray()[0] as Y.XmlText;
  t.insert(t.length, text);
}

const lines = (doc: Y.Doc) => blockLines(readGuideline(doc));

/** One laptop moves an article while the other types into blocks; after the merge both read the same, returned. */
function moveWhileEditing(uid: string, direction: -1 | 1, ...edits: [start: string, text: string][]): string[] {
  const { one, two } = twoLaptops();
  moveArticleInDoc(one.getXmlFragment('default'), uid, direction);
  for (const [start, text] of edits) typeInto(two, start, text);
  merge(one, two);
  expect(lines(one)).toEqual(lines(two));
  return lines(one);
}

describe('moving an article in the Yjs body', () => {
  it('moves the article with its fracciones, keeps its uid, marks and references, and renumbers', () => {
    const doc = docFromGuideline(body());
    expect(moveArticleInDoc(doc.getXmlFragment('default'), 'a', 1)).toBe(true);
    const blocks = readGuideline(doc);
    expect(blocks.map((b) => b.uid ?? b.kind)).toEqual(['c1', 'b', 'paragraph', 'a', 'fraccion', 'fraccion', 'c']);
    expect(blocks[4]!.runs).toEqual([{ text: 'Contraseñas;', italic: true }]);
    expect(lines(doc)).toEqual([
      'CAPÍTULO I. Disposiciones generales',
      'Artículo 1. Definiciones.',
      'Para efectos de estos lineamientos.',
      'Artículo 2. Objeto de los lineamientos, según el artículo 1.',
      'I. Contraseñas;',
      'II. Redes.',
      'Artículo 3. Del correo.',
    ]);
  });

  it('a concurrent edit in a block the article passes over survives the merge, on both laptops', () => {
    const merged = moveWhileEditing('a', 1, ['Definiciones', ' Se entiende por TIC'], ['Para efectos', ' Y sus anexos.']);
    expect(merged.slice(1, 4)).toEqual([
      'Artículo 1. Definiciones. Se entiende por TIC',
      'Para efectos de estos lineamientos. Y sus anexos.',
      'Artículo 2. Objeto de los lineamientos, según el artículo 1.',
    ]);
  });

  it('moving up past a block edited elsewhere keeps that edit too', () => {
    const merged = moveWhileEditing('c', -1, ['Definiciones', ' (editado)']);
    expect(merged.slice(4)).toEqual(['Artículo 2. Del correo.', 'Artículo 3. Definiciones. (editado)', 'Para efectos de estos lineamientos.']);
  });

  it('an edit made elsewhere inside the moved span before the merge survives the app\u2019s merge, with the move, on both laptops', () => {
    // As the app merges: deleted content kept, and each laptop repairs its own text after applying the other's.
    const start = Y.encodeStateAsUpdate(docFromGuideline(body()));
    const [one, two] = [new Y.Doc({ gc: false }), new Y.Doc({ gc: false })];
    Y.applyUpdate(one, start);
    Y.applyUpdate(two, start);
    moveArticleInDoc(one.getXmlFragment('default'), 'c', -1);
    typeInto(two, 'Del correo', ' electrónico');
    const receive = (to: Y.Doc, from: Y.Doc) => {
      const update = Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));
      mergeBody(to, () => Y.applyUpdate(to, update), (client) => client === to.clientID);
    };
    receive(one, two);
    receive(two, one);
    receive(one, two);
    expect(lines(one)).toEqual(lines(two));
    expect(lines(one).filter((l) => l.includes('Del correo'))).toEqual(['Artículo 2. Del correo. electrónico']);
    expect(lines(one).indexOf('Artículo 2. Del correo. electrónico')).toBeLessThan(lines(one).indexOf('Artículo 3. Definiciones.'));
  });

  it('two laptops moving the same article at once: the merge reads it once, and collapsing leaves the same copy on both', () => {
    const { one, two } = twoLaptops();
    moveArticleInDoc(one.getXmlFragment('default'), 'c', -1);
    moveArticleInDoc(two.getXmlFragment('default'), 'c', -1);
    typeInto(one, 'Definiciones', ' (uno)');
    merge(one, two);
    // Before any editor collapses it, the stored body holds two copies; readers see one.
    const raw = (doc: Y.Doc) => doc.getXmlFragment('default').toArray().filter((n) => n instanceof Y.XmlElement && n.getAttribute('uid') === 'c');
    expect(raw(one)).toHaveLength(2);
    const expected = [
      'CAPÍTULO I. Disposiciones generales',
      'Artículo 1. Objeto de los lineamientos, según el artículo 3.',
      'I. Contraseñas;',
      'II. Redes.',
      'Artículo 2. Del correo.',
      'Artículo 3. Definiciones. (uno)',
      'Para efectos de estos lineamientos.',
    ];
    expect(lines(one)).toEqual(expected);
    // Both laptops collapse at once (each editor does on the merge): the same copy goes on both.
    const kept = (doc: Y.Doc) => raw(doc).map((n) => (n as Y.XmlElement)._item!.id);
    expect(collapseDuplicateArticles(one.getXmlFragment('default'))).toBe(1);
    expect(collapseDuplicateArticles(two.getXmlFragment('default'))).toBe(1);
    expect(kept(one)).toEqual(kept(two));
    merge(one, two);
    expect(raw(one)).toHaveLength(1);
    expect(raw(two)).toHaveLength(1);
    expect(lines(one)).toEqual(expected);
    expect(lines(two)).toEqual(expected);
    expect(collapseDuplicateArticles(one.getXmlFragment('default'))).toBe(0);
  });

  it('an article moved on three laptops at once, collapsed by each before seeing the others, ends as exactly one copy with its fracciones', () => {
    const docs = [docFromGuideline(body()), new Y.Doc(), new Y.Doc()];
    for (const d of docs.slice(1)) Y.applyUpdate(d, Y.encodeStateAsUpdate(docs[0]!));
    for (const d of docs) moveArticleInDoc(d.getXmlFragment('default'), 'a', 1);
    // Pairwise merges and collapses, in an order where no laptop sees all three copies first.
    merge(docs[0]!, docs[1]!);
    collapseDuplicateArticles(docs[0]!.getXmlFragment('default'));
    merge(docs[1]!, docs[2]!);
    collapseDuplicateArticles(docs[2]!.getXmlFragment('default'));
    merge(docs[0]!, docs[2]!);
    merge(docs[0]!, docs[1]!);
    merge(docs[1]!, docs[2]!);
    for (const d of docs) collapseDuplicateArticles(d.getXmlFragment('default'));
    merge(docs[0]!, docs[1]!);
    merge(docs[1]!, docs[2]!);
    merge(docs[0]!, docs[2]!);
    const article = ['Artículo 2. Objeto de los lineamientos, según el artículo 1.', 'I. Contraseñas;', 'II. Redes.'];
    for (const d of docs) {
      expect(d.getXmlFragment('default').toArray().filter((n) => n instanceof Y.XmlElement && n.getAttribute('uid') === 'a')).toHaveLength(1);
      expect(lines(d).slice(3, 6)).toEqual(article);
      expect(lines(d)).toEqual(lines(docs[0]!));
    }
  });

  it('refuses to move past either end and leaves the body unchanged', () => {
    const doc = docFromGuideline(body());
    const before = Y.encodeStateVector(doc);
    expect(moveArticleInDoc(doc.getXmlFragment('default'), 'c', 1)).toBe(false);
    expect(moveArticleInDoc(doc.getXmlFragment('default'), 'nope', 1)).toBe(false);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
