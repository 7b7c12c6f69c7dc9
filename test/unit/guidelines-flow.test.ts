import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docFromGuideline, readGuideline } from '../../src-main/services/guidelines/body.js';
import { guidelineDocx, guidelinePdf } from '../../src-main/services/guidelines/export.js';
import { DEFAULT_INSTITUTE, letterheadOf } from '../../src-main/services/pdf/layout/letterhead.js';
import { importDocx } from '../../src-main/services/guidelines/import.js';
import { guidelineBlocks } from '../../src-main/services/guidelines/guidelines.js';
import { blockLines, type GBlock } from '../../src-shared/guidelines/structure.js';
import { sessionApp } from '../support/session-app.js';

let t: Awaited<ReturnType<typeof sessionApp>>;
beforeEach(async () => {
  t = await sessionApp();
});
afterEach(async () => {
  await t.close();
});

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

const structure = (): GBlock[] => [
  { kind: 'titulo', uid: 't1', runs: [{ text: 'Disposiciones generales' }] },
  { kind: 'capitulo', uid: 'c1', runs: [{ text: 'Del objeto' }] },
  { kind: 'articulo', uid: 'a1', runs: [{ text: 'Los presentes lineamientos regulan el ' }, { text: 'uso de las TIC', bold: true }, { text: '.' }] },
  { kind: 'fraccion', runs: [{ text: 'Correo institucional;' }] },
  { kind: 'inciso', runs: [{ text: 'cuentas personales;', italic: true }] },
  { kind: 'fraccion', runs: [{ text: 'Contraseñas.' }] },
  { kind: 'articulo', uid: 'a2', runs: [{ text: 'Lo no previsto se resolverá conforme al ' }, { ref: 'a3' }, { text: '.' }] },
  { kind: 'capitulo', uid: 'c2', runs: [{ text: 'De las contraseñas' }] },
  { kind: 'articulo', uid: 'a3', runs: [{ text: 'Las contraseñas tendrán al menos doce caracteres.' }] },
  { kind: 'item', ordered: false, runs: [{ text: 'mayúsculas' }] },
  { kind: 'item', ordered: false, runs: [{ text: 'números' }] },
];

/** Structure as a user sees it: kinds, labels and text, references resolved to numbers. */
const shape = (blocks: GBlock[]) => blocks.map((b, i) => [b.kind, blockLines(blocks)[i]]);

async function created(blocks = structure()) {
  const bytes = await guidelineDocx('Lineamientos para el uso de las TIC', blocks);
  const r = await t.call('guidelines.import', { commissionId: t.cmi().id, docx: b64(bytes) });
  return r;
}

/** Edits the body the way the editor does: one Yjs update through drafts.append. */
async function edit(id: string, change: (doc: Y.Doc) => void) {
  const g = t.app.store.get('guidelines', id)!;
  const state = await t.call('drafts.get', { id: g.draftId });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(state.state, 'base64'));
  const sv = Y.encodeStateVector(doc);
  change(doc);
  return t.call('drafts.append', { id: g.draftId, update: b64(Y.encodeStateAsUpdate(doc, sv)) });
}

describe('DOCX round trip', () => {
  it('export then import gives the same structure, numbering, emphasis and cross-references', async () => {
    const { id, report } = await created();
    expect(report).toEqual([]);
    const g = t.app.store.get('guidelines', id)!;
    expect(g.title).toBe('Lineamientos para el uso de las TIC');
    const back = guidelineBlocks(t.app.store, g);
    expect(shape(back)).toEqual(shape(structure()));
    // The reference points at the article's new id, not at a number.
    const ref = back[6]!.runs.find((r) => 'ref' in r) as { ref: string };
    expect(ref.ref).toBe(back[8]!.uid);
    expect(back[2]!.runs).toContainEqual({ text: 'uso de las TIC', bold: true });
    expect(back[4]!.runs).toContainEqual({ text: 'cuentas personales;', italic: true });
  });

  it('the exported DOCX reads as Word shows it: headings and numbers in the text', async () => {
    const bytes = await guidelineDocx('Lineamientos', structure());
    const mammoth = (await import('mammoth')).default;
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    expect(html).toContain('<h1>TÍTULO PRIMERO. Disposiciones generales</h1>');
    expect(html).toContain('<h2>CAPÍTULO II. De las contraseñas</h2>');
    expect(html).toMatch(/<strong>Artículo 2\. <\/strong>Lo no previsto se resolverá conforme al artículo 3\./);
  });

  it('reports what it could not map: a table and an unknown heading', async () => {
    const { Document, Packer, Paragraph, Table, TableRow, TableCell, HeadingLevel } = await import('docx');
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Anexo técnico' }),
            new Paragraph('Artículo 1. Único.'),
            new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('celda')] })] })] }),
          ],
        },
      ],
    });
    const { blocks, report } = await importDocx(new Uint8Array(await Packer.toBuffer(doc)));
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'articulo']);
    expect(report.join('\n')).toContain('1 tabla(s) no se importaron');
    expect(report.join('\n')).toContain('Encabezado sin estructura reconocible («Anexo técnico»)');
  });
});

describe('bad input changes nothing', () => {
  it('a file that is not a DOCX is refused with a clear message', async () => {
    const before = t.app.store.count('guidelines');
    expect(await t.refused('guidelines.import', { commissionId: t.cmi().id, docx: b64(new TextEncoder().encode('%PDF-1.7 esto no es Word')) })).toBe(
      'El archivo no es un documento de Word (.docx): no se importó nada.',
    );
    // A ZIP that is not a Word document.
    const { zipSync } = await import('fflate');
    expect(await t.refused('guidelines.import', { commissionId: t.cmi().id, docx: b64(zipSync({ 'a.txt': new TextEncoder().encode('hola') })) })).toContain('no es un documento de Word (.docx) válido');
    expect(t.app.store.count('guidelines')).toBe(before);
  });

  it('a cross-reference to a deleted article blocks presenting, naming where it is', async () => {
    const { id } = await created();
    await edit(id, (doc) => {
      const f = doc.getXmlFragment('default');
      const at = f.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('uid') === guidelineBlocks(t.app.store, t.app.store.get('guidelines', id)!)[8]!.uid);
      f.delete(at, 1);
    });
    const view = await t.call('guidelines.get', { id });
    expect(view.problems).toEqual(['El artículo 2 remite a un artículo que fue eliminado; corrija la referencia.']);
    const s = await t.call('sessions.create', { commissionId: t.cmi().id, type: 'ordinaria', date: '2024-05-30', modality: 'virtual', agenda: ['Proyecto de lineamientos'] });
    expect(await t.refused('guidelines.setStatus', { id, status: 'presentado', sessionId: s.id, agendaItemId: s.agenda[0]!.id })).toBe(view.problems[0]);
    expect(t.app.store.get('guidelines', id)!.status).toBe('borrador');
  });

  it('a published guideline refuses edits, comments and restores; its PDF is the signing document', async () => {
    const { id } = await created();
    await t.call('guidelines.saveVersion', { id, name: 'Primera' });
    const open = await t.call('guidelines.comment', { id, quote: 'regulan', replacement: 'norman', text: 'Mejor verbo.' });
    const round = await t.call('guidelines.sendRound', { id, name: 'Reunión de retroalimentación', due: '2024-06-15', offices: ['Consejera Carol'] });
    const s = await t.call('sessions.create', { commissionId: t.cmi().id, type: 'ordinaria', date: '2024-05-30', modality: 'virtual', agenda: ['Proyecto de lineamientos'] });
    await t.call('guidelines.setStatus', { id, status: 'presentado', sessionId: s.id, agendaItemId: s.agenda[0]!.id });
    await t.call('guidelines.setStatus', { id, status: 'aprobado' });
    await t.app.vault.unlockWithPassphrase('frase de acceso segura');
    const published = await t.call('guidelines.setStatus', { id, status: 'publicado' });
    expect(published.status).toBe('publicado');
    const doc = t.app.store.get('documents', published.documentId!)!;
    expect(doc.kind).toBe('lineamiento');
    expect(doc.status).toBe('bloqueado');
    expect(doc.signers.map((x) => x.status)).toEqual(t.cmi().members.map(() => 'pendiente'));
    const before = await t.call('drafts.get', { id: published.draftId });
    await expect(edit(id, (d) => d.getXmlFragment('default').delete(0, 1))).rejects.toThrow('bloqueado');
    expect(await t.refused('guidelines.comment', { id, text: 'Tarde' })).toBe('El lineamiento está publicado y bloqueado: ya no puede modificarse.');
    expect(await t.refused('guidelines.restore', { id, versionId: published.versions[0]!.id })).toContain('publicado');
    // Every other change to the record is refused in Spanish, and the record stays as it was.
    const record = (await t.call('guidelines.get', { id })).guideline;
    const commentId = open.comments[0]!.id;
    const locked = 'El lineamiento está publicado y bloqueado: ya no puede modificarse.';
    for (const [name, args] of [
      ['guidelines.reply', { id, commentId, text: 'Tarde.' }],
      ['guidelines.resolve', { id, commentId }],
      ['guidelines.decide', { id, commentId, decision: 'aceptada' }],
      ['guidelines.sendRound', { id, name: 'Otra', due: '2024-07-01', offices: ['Consejero Juan'] }],
      ['guidelines.answerRound', { id, roundId: round.rounds[0]!.id, office: 'Consejera Carol' }],
      ['guidelines.saveVersion', { id, name: 'Después de publicar' }],
      ['guidelines.setStatus', { id, status: 'borrador' }],
    ] as const) {
      expect(await t.refused(name, args as never), name).toBe(locked);
    }
    expect((await t.call('guidelines.get', { id })).guideline).toEqual(record);
    expect((await t.call('drafts.get', { id: published.draftId })).state).toBe(before.state);
    const pdf = await t.call('guidelines.export', { id, format: 'pdf' });
    expect(Buffer.from(pdf.base64, 'base64').equals(await t.app.store.blobs.get(t.app.store.get('documents', published.documentId!)!.pdf))).toBe(true);
  });
});

describe('review, versions and lifecycle', () => {
  it('comments with replies are resolved by whom and when; an accepted suggestion changes the article', async () => {
    const { id } = await created();
    const a1 = guidelineBlocks(t.app.store, t.app.store.get('guidelines', id)!)[2]!.uid!;
    let g = await t.call('guidelines.comment', { id, articleUid: a1, text: 'Precisar el alcance.' });
    const c = g.comments[0]!;
    expect(c.by).toBe('secretaria');
    g = await t.call('guidelines.reply', { id, commentId: c.id, text: 'De acuerdo.' });
    g = await t.call('guidelines.resolve', { id, commentId: c.id });
    expect(g.comments[0]!.resolved?.by).toBe('secretaria');
    expect(g.comments[0]!.replies.map((r) => r.text)).toEqual(['De acuerdo.']);
    expect(await t.refused('guidelines.resolve', { id, commentId: c.id })).toBe('El comentario ya estaba resuelto.');
    g = await t.call('guidelines.comment', { id, articleUid: a1, quote: 'regulan', replacement: 'norman', text: 'Mejor verbo.' });
    await t.call('guidelines.decide', { id, commentId: g.comments[1]!.id, decision: 'aceptada' });
    const lines = blockLines(guidelineBlocks(t.app.store, t.app.store.get('guidelines', id)!));
    expect(lines[2]).toBe('Artículo 1. Los presentes lineamientos norman el uso de las TIC.');
    g = await t.call('guidelines.comment', { id, articleUid: a1, quote: 'doce', replacement: 'ocho', text: 'Menos.' });
    // The quoted text is in article 3, not article 1: nothing is changed.
    expect(await t.refused('guidelines.decide', { id, commentId: g.comments[2]!.id, decision: 'aceptada' })).toContain('ya no está en el artículo');
    const list = await t.call('guidelines.list', {});
    expect(list.find((x) => x.id === id)!.openComments).toBe(1);
    expect((await t.call('guidelines.get', { id })).articles[a1]).toBe(1);
  });

  it('a rejected suggestion leaves the text as it was and is resolved by whom; it cannot be decided twice', async () => {
    const { id } = await created();
    const blocks = guidelineBlocks(t.app.store, t.app.store.get('guidelines', id)!);
    const before = blockLines(blocks);
    const g = await t.call('guidelines.comment', { id, articleUid: blocks[2]!.uid!, quote: 'regulan', replacement: 'norman', text: 'Mejor verbo.' });
    const decided = await t.call('guidelines.decide', { id, commentId: g.comments[0]!.id, decision: 'rechazada' });
    expect(decided.comments[0]).toMatchObject({ suggestion: 'rechazada', resolved: { by: 'secretaria' } });
    expect(blockLines(guidelineBlocks(t.app.store, t.app.store.get('guidelines', id)!))).toEqual(before);
    expect(await t.refused('guidelines.decide', { id, commentId: g.comments[0]!.id, decision: 'aceptada' })).toBe('Ese comentario no tiene un cambio sugerido pendiente.');
    expect(blockLines(guidelineBlocks(t.app.store, t.app.store.get('guidelines', id)!))).toEqual(before);
  });

  it('the list shows the schedule activity\'s latest progress', async () => {
    const activity = t.app.store.all('activities').find((a) => a.commissionId === t.cmi().id && a.progress.length > 0)!;
    const g = await t.call('guidelines.create', { commissionId: t.cmi().id, title: 'Lineamientos de firma electrónica avanzada', activityId: activity.id });
    const latest = [...activity.progress].sort((x, y) => y.period - x.period)[0]!.percent;
    expect((await t.call('guidelines.list', {})).find((x) => x.id === g.id)!.schedule).toEqual({ title: activity.title, percent: latest });
    expect(await t.refused('guidelines.create', { commissionId: t.cmi().id, title: '   ' })).toContain('Escriba el título del lineamiento.');
  });

  it('a review round lists who has answered; sending it puts the draft in review', async () => {
    const { id } = await created();
    let g = await t.call('guidelines.sendRound', { id, name: 'Reunión de retroalimentación', due: '2024-06-15', offices: ['Consejera Carol', 'Consejero Juan'] });
    expect(g.status).toBe('en_revision');
    g = await t.call('guidelines.answerRound', { id, roundId: g.rounds[0]!.id, office: 'Consejero Juan' });
    expect(g.rounds[0]!.offices.map((o) => Boolean(o.answeredAt))).toEqual([false, true]);
    expect(await t.refused('guidelines.sendRound', { id, name: 'X', due: '2024-02-30', offices: ['A'] })).toContain('Fecha inexistente');
    // The same office typed twice (other case, accents, spaces) would be one answer counted as two.
    expect(await t.refused('guidelines.sendRound', { id, name: 'Y', due: '2024-07-01', offices: ['Consejera Carol', ' consejera  carol '] })).toContain('La oficina «consejera  carol» aparece dos veces.');
    expect((await t.call('guidelines.get', { id })).guideline.rounds).toHaveLength(1);
  });

  it('named versions compare with insertions and deletions; restoring makes a new version', async () => {
    const { id } = await created();
    let g = await t.call('guidelines.saveVersion', { id, name: 'Proyecto presentado en la sesión IEM-CMI-SEORD-05/2023' });
    await edit(id, (doc) => {
      const f = doc.getXmlFragment('default');
      const el = f.toArray()[8] as Y.XmlElement;
      (el.toArray()[0] as Y.XmlText).insert(0, 'En todo caso, ');
    });
    g = await t.call('guidelines.saveVersion', { id, name: 'Con observaciones' });
    expect(await t.refused('guidelines.saveVersion', { id, name: 'Con observaciones' })).toContain('Ya existe');
    const rows = await t.call('guidelines.compare', { id, from: g.versions[0]!.id, to: g.versions[1]!.id });
    const changed = rows.filter((r) => r.op !== 'same');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.parts.find((p) => p.op === 'ins')!.text).toContain('En todo caso,');
    g = await t.call('guidelines.restore', { id, versionId: g.versions[0]!.id });
    expect(g.versions.map((v) => v.name)).toEqual(['Proyecto presentado en la sesión IEM-CMI-SEORD-05/2023', 'Con observaciones', 'Restauración de «Proyecto presentado en la sesión IEM-CMI-SEORD-05/2023»']);
    expect((await t.call('guidelines.compare', { id, from: g.versions[0]!.id, to: 'actual' })).every((r) => r.op === 'same')).toBe(true);
  });

  it('two people edit different articles offline from the same state: after both save, both edits are there', async () => {
    const { id } = await created();
    const g = t.app.store.get('guidelines', id)!;
    const start = Buffer.from((await t.call('drafts.get', { id: g.draftId })).state, 'base64');
    const laptop = (article: number, text: string) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, start);
      const sv = Y.encodeStateVector(doc);
      const el = doc.getXmlFragment('default').toArray()[article] as Y.XmlElement;
      const first = el.toArray()[0] as Y.XmlText;
      first.insert(first.length, text);
      return b64(Y.encodeStateAsUpdate(doc, sv));
    };
    const a = laptop(2, ' (edición de Carol)');
    const b = laptop(8, ' (edición de Juan)');
    await Promise.all([t.call('drafts.append', { id: g.draftId, update: b }), t.call('drafts.append', { id: g.draftId, update: a })]);
    const lines = blockLines(guidelineBlocks(t.app.store, g));
    expect(lines[2]).toContain('(edición de Carol)');
    expect(lines[8]).toBe('Artículo 3. Las contraseñas tendrán al menos doce caracteres. (edición de Juan)');
  });

  it('100 comments at once are all kept', async () => {
    const { id } = await created();
    await Promise.all(Array.from({ length: 100 }, (_, i) => t.call('guidelines.comment', { id, text: `Comentario ${i}` })));
    expect((await t.call('guidelines.get', { id })).guideline.comments).toHaveLength(100);
  });

  it('exports a PDF with the letterhead and the numbered text', async () => {
    const { id } = await created();
    const pdf = await t.call('guidelines.export', { id, format: 'pdf' });
    const path = join(t.dir, 'l.pdf');
    await writeFile(path, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
    expect(text).toContain('INSTITUTO ELECTORAL DE MICHOACÁN');
    expect(text).toMatch(/Artículo 2\.\s+Lo no previsto se resolverá conforme al artículo 3\./);
    expect(text).toContain('CAPÍTULO II');
    expect(text).toMatch(/Página 1 de \d/);
  });
});

describe('italics in the PDF', () => {
  const letterhead = letterheadOf(DEFAULT_INSTITUTE, null);
  const fontsOf = (path: string) => execFileSync('pdffonts', [path]).toString();

  it('sets italic and bold italic runs in DejaVu Oblique, glued to the word they continue', async () => {
    const blocks: GBlock[] = [
      { kind: 'articulo', uid: 'a1', runs: [{ text: 'Se entiende por ' }, { text: 'software libre', italic: true }, { text: ', y por ' }, { text: 'firma', bold: true, italic: true }, { text: '.' }] },
      { kind: 'fraccion', runs: [{ text: 'Correo institucional;', italic: true }] },
      { kind: 'item', ordered: true, runs: [{ text: 'uno' }] },
      { kind: 'item', ordered: true, runs: [{ text: 'dos', italic: true }] },
    ];
    const { pdf } = await guidelinePdf('Lineamientos', t.cmi(), blocks, { letterhead });
    const path = join(t.dir, 'italica.pdf');
    await writeFile(path, pdf);
    const fonts = fontsOf(path);
    expect(fonts).toContain('DejaVuSans-Oblique');
    expect(fonts).toContain('DejaVuSans-BoldOblique');
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
    expect(text).toMatch(/Artículo 1\.\s+Se entiende por software libre, y por firma\./);
    expect(text).toMatch(/I\.\s+Correo institucional;/);
    // A numbered list counts its own items.
    expect(text).toMatch(/1\. uno\s+2\. dos/);
  });

  it('a guideline without italics does not carry the oblique fonts', async () => {
    const { pdf } = await guidelinePdf('Lineamientos', t.cmi(), [{ kind: 'articulo', uid: 'a1', runs: [{ text: 'Texto ' }, { text: 'recto', bold: true }] }], { letterhead });
    const path = join(t.dir, 'recta.pdf');
    await writeFile(path, pdf);
    expect(fontsOf(path)).not.toContain('Oblique');
  });
});

it('a Yjs body survives a document built by the service and read back', () => {
  const doc = docFromGuideline(structure());
  expect(shape(readGuideline(doc))).toEqual(shape(structure()));
});
