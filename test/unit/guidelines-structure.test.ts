import { describe, expect, it } from 'vitest';
import { docFromGuideline, readGuideline } from '../../src-main/services/guidelines/body.js';
import { diffLines } from '../../src-shared/guidelines/diff.js';
import { articleNumbers, blockLines, brokenReferences, moveArticle, numberBlocks, type GBlock } from '../../src-shared/guidelines/structure.js';

const art = (uid: string, text: string, ...rest: GBlock['runs']): GBlock => ({ kind: 'articulo', uid, runs: [{ text }, ...rest] });
const body = (): GBlock[] => [
  { kind: 'titulo', uid: 't1', runs: [{ text: 'Disposiciones' }] },
  { kind: 'capitulo', uid: 'c1', runs: [{ text: 'Objeto' }] },
  art('a', 'Objeto de los lineamientos.'),
  { kind: 'fraccion', runs: [{ text: 'Contraseñas;' }] },
  { kind: 'inciso', runs: [{ text: 'longitud;' }] },
  { kind: 'inciso', runs: [{ text: 'vigencia;' }] },
  { kind: 'fraccion', runs: [{ text: 'Redes.' }] },
  art('b', 'Definiciones, según el ', { ref: 'c' }, { text: '.' }),
  { kind: 'capitulo', uid: 'c2', runs: [{ text: 'Uso de las TIC' }] },
  art('c', 'Del uso del correo.'),
  { kind: 'paragraph', runs: [{ text: 'Párrafo del artículo.' }] },
  art('d', 'De las contraseñas.'),
];

describe('numbering', () => {
  it('numbers títulos, capítulos, artículos, fracciones and incisos as regulations are written', () => {
    expect(numberBlocks(body())).toEqual(['TÍTULO PRIMERO', 'CAPÍTULO I', 'Artículo 1.', 'I.', 'a)', 'b)', 'II.', 'Artículo 2.', 'CAPÍTULO II', 'Artículo 3.', '', 'Artículo 4.']);
  });

  it('restarts fracciones in each article and incisos in each fracción', () => {
    const labels = numberBlocks([art('x', ''), { kind: 'fraccion', runs: [] }, { kind: 'inciso', runs: [] }, { kind: 'fraccion', runs: [] }, { kind: 'inciso', runs: [] }, art('y', ''), { kind: 'fraccion', runs: [] }]);
    expect(labels).toEqual(['Artículo 1.', 'I.', 'a)', 'II.', 'a)', 'Artículo 2.', 'I.']);
  });
});

describe('renumbering and cross-references', () => {
  it('moving an article down renumbers it and the reference still names the same article', () => {
    const before = body();
    expect(blockLines(before)[7]).toBe('Artículo 2. Definiciones, según el artículo 3.');
    // Article 3 ("correo") moves up past the chapter heading into chapter I, then above article 2.
    const once = moveArticle(before, 'c', -1)!;
    const twice = moveArticle(once, 'c', -1)!;
    const lines = blockLines(twice);
    expect(lines.filter((l) => l.startsWith('Artículo'))).toEqual([
      'Artículo 1. Objeto de los lineamientos.',
      'Artículo 2. Del uso del correo.',
      'Artículo 3. Definiciones, según el artículo 2.',
      'Artículo 4. De las contraseñas.',
    ]);
    // The article carries its own paragraph with it.
    expect(lines[lines.indexOf('Artículo 2. Del uso del correo.') + 1]).toBe('Párrafo del artículo.');
  });

  it('an article cannot move above the first place', () => {
    expect(moveArticle(body().slice(2), 'a', -1)).toBeNull();
  });

  it('a reference to a deleted article is reported and printed as such, never as another number', () => {
    const blocks = body().filter((b) => b.uid !== 'c');
    expect(brokenReferences(blocks)).toEqual([{ at: 7, ref: 'c' }]);
    expect(blockLines(blocks)[7]).toBe('Artículo 2. Definiciones, según el [artículo eliminado].');
    expect(articleNumbers(blocks).get('d')).toBe(3);
  });
});

describe('Yjs body', () => {
  it('writes and reads back the structure, ids and references in the editor schema', () => {
    const doc = docFromGuideline(body());
    const back = readGuideline(doc);
    expect(back).toEqual(body());
    const first = doc.getXmlFragment('default').toArray()[2] as unknown as { nodeName: string; getAttribute(k: string): unknown };
    expect(first.nodeName).toBe('glArticulo');
    expect(first.getAttribute('uid')).toBe('a');
  });
});

describe('comparison', () => {
  it('marks inserted and deleted words inside a changed article and whole added lines', () => {
    const rows = diffLines(['Artículo 1. El correo institucional es personal.', 'Artículo 2. Otro.'], ['Artículo 1. El correo institucional es personal e intransferible.', 'Artículo 2. Otro.', 'Artículo 3. Nuevo.']);
    expect(rows.map((r) => r.op)).toEqual(['changed', 'same', 'ins']);
    expect(rows[0]!.parts.filter((p) => p.op === 'del').map((p) => p.text.trim())).toEqual(['personal.']);
    expect(rows[0]!.parts.filter((p) => p.op === 'ins').map((p) => p.text.trim()).join(' ')).toContain('intransferible.');
  });
});
