import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceBody } from '../../src-main/services/guidelines/body.js';
import { moveArticleInDoc } from '../../src-shared/guidelines/move.js';
import { articleLine, body, converge, deleteArticle, frag, fuzz, headText, laptops, lines, rawUids, receive, typeAt } from '../support/guideline-fuzz.js';

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

  it.each([
    ['the mover syncs first', [[1, 0], [0, 1]] as [number, number][]],
    ['the editor syncs first', [[0, 1], [1, 0]] as [number, number][]],
  ])('a fracción added to an article while another laptop moves it moves with the article (%s)', (_, order) => {
    const [a, b] = laptops(2);
    moveArticleInDoc(frag(a!), 'a', 1);
    const added = new Y.XmlElement('glFraccion');
    added.insert(0, [new Y.XmlText('Correo;')]);
    frag(b!).insert(4, [added]);
    converge([a!, b!], order);
    expectSame([a!, b!]);
    expect(lines(a!).slice(2, 8)).toEqual([
      'Artículo 1. Definiciones.',
      'Para efectos de estos lineamientos.',
      'Artículo 2. Objeto de los lineamientos, según el artículo 1.',
      'I. Contraseñas;',
      'II. Correo;',
      'III. Redes.',
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

  it('text typed into a fracción of a restored version survives when another laptop had already collapsed that restore into a second one', () => {
    const version = body().slice(0, 7);
    // Client ids fixed so that B's restore is the newer copy: A's is the one collapsed.
    const [a, b, c, d] = laptops(4, body(), [1, 2, 3, 4]);
    replaceBody(a!, version);
    replaceBody(b!, version);
    receive(d!, a!);
    receive(c!, a!);
    receive(c!, b!);
    expect(rawUids(c!)).toEqual(['t1', 'c1', 'a', 'b']);
    // D types into A's restored copy, which C has already deleted.
    ((frag(d!).get(3) as Y.XmlElement).get(0) as Y.XmlText).insert('Contraseñas'.length, ' robustas');
    converge([a!, b!, c!, d!]);
    expectSame([a!, b!, c!, d!]);
    expect(rawUids(a!)).toEqual(['t1', 'c1', 'a', 'b']);
    expect(lines(a!).slice(2, 5)).toEqual(['Artículo 1. Objeto de los lineamientos, según el artículo 2.', 'I. Contraseñas robustas;', 'II. Redes.']);
  });

  it('a character two laptops both carried into a moved article (one counts everything as its own, as a draft from before `pulled` does) shows once', () => {
    const [a, b, c] = laptops(3);
    const merge = (to: Y.Doc, from: Y.Doc) => receive(to, from, to === c);
    typeAt(b!, 'c', ' (B)');
    merge(c!, b!);
    moveArticleInDoc(frag(a!), 'c', -1);
    merge(c!, a!);
    merge(b!, a!);
    converge([a!, b!, c!], undefined, merge);
    expectSame([a!, b!, c!]);
    expect(articleLine(a!, 'c')).toBe('Artículo 3. Del correo institucional. (B)');
  });

  // Seeds of the fuzz in which laptop 0 counts everything as its own: it carried what others typed
  // while they carried it too.
  it.each([10_007, 10_032, 10_045, 10_081])('fuzz seed %i with a laptop that counts everything as its own: no text shows twice', (seed) => {
    expect(fuzz(seed, 3, 40, { legacy: true }).problems).toEqual([]);
  });

  it.each([
    ['the mover syncs first', [[1, 0], [0, 1]] as [number, number][]],
    ['the eraser syncs first', [[0, 1], [1, 0]] as [number, number][]],
  ])('words one laptop erases inside an article while another moves it stay erased (%s)', (_, order) => {
    const [a, b] = laptops(2);
    moveArticleInDoc(frag(a!), 'c', -1);
    headText(b!, 'c').delete('Del correo'.length, ' institucional'.length);
    converge([a!, b!], order);
    expectSame([a!, b!]);
    expect(articleLine(a!, 'c')).toBe('Artículo 3. Del correo.');
  });

  // Seeds of the fuzz with erasures in which an erased word came back with a concurrent move's copy.
  it.each([10_024, 10_066, 10_077, 10_126, 10_142])('fuzz seed %i with erasures: what a laptop erased inside a moved article stays erased', (seed) => {
    expect(fuzz(seed, 3, 40, { erase: true }).problems).toEqual([]);
  });

  it('a damaged or hostile copies map from another laptop changes nothing but itself: the merge neither fails nor loses text', () => {
    const [a, b] = laptops(2);
    const copies = a!.getMap('copies');
    const head = frag(a!).get(2) as Y.XmlElement;
    const key = `${head._item!.id.client}:${head._item!.id.clock}`;
    copies.set(key, { by: head._item!.id.client, since: 0, upto: 1e12, seq: 1, from: key, texts: [[head._item!.id.client, 0, 1e9]] });
    copies.set('no es un id', 'basura');
    copies.set(`${a!.clientID}:0`, { by: a!.clientID, since: 0, upto: 1e12, chars: [1, 2, 1e9] });
    copies.set('1:1', { by: 'x', since: -1 });
    moveArticleInDoc(frag(a!), 'c', -1);
    typeAt(b!, 'c', ' (B)');
    converge([a!, b!]);
    expectSame([a!, b!]);
    expect(articleLine(a!, 'c')).toBe('Artículo 3. Del correo institucional. (B)');
  });

  // Seeds of the bench's sweep with new fracciones (10_000 + n) that lost a fracción added under an
  // article: a laptop deleting again a copy of an article it had deleted took the other article's
  // fracción with it, because a concurrent move had put the fracción right under that copy.
  it.each([10_044, 10_060, 10_135, 10_222, 10_267, 10_347])('fuzz seed %i: a fracción added under an article is not deleted with another article that a merge deletes again', (seed) => {
    expect(fuzz(seed, 3, 40, { addFracciones: true }).problems).toEqual([]);
  });

  // Seeds that left a fracción twice: it stood under one article for one laptop and under another
  // for another, and each moved its article with it.
  it.each([10_039, 10_117, 10_246, 10_291, 10_352, 10_355, 10_380, 10_384])('fuzz seed %i: a fracción that two moves of different articles copied is there once', (seed) => {
    expect(fuzz(seed, 3, 40, { addFracciones: true }).problems).toEqual([]);
  });

  // Seeds (beyond the bench's 400) where a laptop deleted an article and then received another
  // laptop's move of it that had taken along a fracción standing under that article only for the
  // mover: the fracción the deleter still had under another article went with the copy.
  it.each([10_468, 10_530, 10_635, 10_903])('fuzz seed %i: a fracción the deleter of an article still had elsewhere is not deleted with a moved copy of that article', (seed) => {
    expect(fuzz(seed, 3, 40, { addFracciones: true }).problems.filter((p) => p.includes(' is gone'))).toEqual([]);
  });

  // A seed where another laptop, seeing a new fracción under the article before it, moved that
  // article with the fracción: its author now puts the copy back under the article it was added to.
  it('fuzz seed 10358: a fracción another laptop moved along with the wrong article goes back under its own', () => {
    expect(fuzz(10_358, 3, 40, { addFracciones: true }).problems).toEqual([]);
  });

  it('fuzz: random moves, typing and deletions on three laptops, merged in random orders, lose no surviving text and keep deletions', () => {
    const problems = Array.from({ length: 25 }, (_, i) => fuzz(i + 1, 3, 30).problems).flat();
    expect(problems).toEqual([]);
  });
});

