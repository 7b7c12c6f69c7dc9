import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfReader, PdfRef, PdfStream, decodeText, isName } from '../../src-main/services/pdfsign/index.js';
import { verifyPdf } from '../../src-main/services/pdfsign/verify.js';
import { rubricaRect } from '../../src-main/services/documents/rubrica.js';
import { createInformeDocument } from '../../src-main/services/reports/documents.js';
import type { DocumentSummary, SignatureSummary } from '../../src-shared/contract/calls.js';
import { newId } from '../../src-shared/ids.js';
import { SCREENSHOT_DIR } from '../support/browser.js';
import { darkPixels, renderGrayPages } from '../support/page-ink.js';
import { personId } from '../support/people.js';
import { SIGNER_PASSWORD, signingApp, type SigningApp } from '../support/signing-app.js';

const PW = SIGNER_PASSWORD;
const CAROL = 'CAROL BERENICE ARELLANO RANGEL';
const VIRIDIANA = 'VIRIDIANA VILLASEÑOR AGUIRRE';
let app: SigningApp;
let store: SigningApp['store'];
let creds: SigningApp['credentials'];
let call: SigningApp['call'];
let ok: SigningApp['ok'];
let dir: string;

beforeAll(async () => {
  app = await signingApp([CAROL, VIRIDIANA]);
  ({ store, credentials: creds, call, ok, dir } = app);
  // Two RSA keys and a CA: slow when the machine is shared.
}, 60_000);
afterAll(async () => {
  await app.close();
});

/** Initials: two short strokes. A full signature: one long stroke. */
const initials = (shift: number) => [
  { points: Array.from({ length: 12 }, (_, i) => ({ x: 10 + i * 3, y: 10 + shift + i * 4, time: i * 16, pressure: 0.5 })) },
  { points: Array.from({ length: 12 }, (_, i) => ({ x: 50 + i * 3, y: 60 - i * 4, time: 300 + i * 16, pressure: 0.5 })) },
];
const longSignature = [{ points: Array.from({ length: 60 }, (_, i) => ({ x: 10 + i * 6, y: 60 + 30 * Math.sin(i / 5), time: i * 16, pressure: 0.5 })) }];
const canvas = { width: 420, height: 160, pixelRatio: 1 };

function enroll(name: string, use: 'firma' | 'rubrica', strokes = use === 'rubrica' ? initials(0) : longSignature) {
  return ok<SignatureSummary>('signatures.enroll', { personId: personId(store, name), pin: '246813', capture: { strokes, canvas }, use });
}

/** Per page (1-based), the names of the signature fields whose widgets draw ink on it. */
function widgetsByPage(pdf: Buffer): Map<number, string[]> {
  const reader = PdfReader.open(pdf);
  const fieldOf = new Map<number, string>();
  const fields = reader.resolve(reader.dict(reader.catalog().dict.get('AcroForm'))!.get('Fields'));
  for (const ref of Array.isArray(fields) ? fields : []) {
    const field = reader.dict(ref)!;
    if (!isName(field.get('FT'), 'Sig')) continue;
    const name = decodeText(reader.resolve(field.get('T')))!;
    const kids = reader.resolve(field.get('Kids'));
    for (const kid of Array.isArray(kids) ? kids : [ref]) if (kid instanceof PdfRef) fieldOf.set(kid.num, name);
  }
  const out = new Map<number, string[]>();
  reader.pages().forEach((p, i) => {
    const annots = reader.resolve(p.dict.get('Annots'));
    const names: string[] = [];
    for (const a of Array.isArray(annots) ? annots : []) {
      const name = a instanceof PdfRef ? fieldOf.get(a.num) : undefined;
      if (!name) continue;
      const ap = reader.resolve(reader.dict(reader.dict(a)!.get('AP'))?.get('N'));
      // Only widgets that draw ink count (vector paths: curves or lines).
      if (ap instanceof PdfStream && /( c| l)\n/.test(ap.raw.toString('latin1'))) names.push(name);
    }
    out.set(i + 1, names);
  });
  return out;
}

describe('rúbricas in the margin of every page', () => {
  let doc: DocumentSummary;
  let signed: Buffer;

  it('enrolls a rúbrica apart from the signature, as a new record each time, and refuses a long one', async () => {
    const firma = await enroll(CAROL, 'firma');
    const first = await enroll(CAROL, 'rubrica');
    const second = await enroll(CAROL, 'rubrica', initials(5));
    expect([firma.use, first.use, second.use]).toEqual(['firma', 'rubrica', 'rubrica']);
    expect(second.id).not.toBe(first.id);
    const listed = await ok<SignatureSummary[]>('signatures.list', {});
    expect(listed.filter((s) => s.personId === personId(store, CAROL) && s.use === 'rubrica').map((s) => s.status)).toEqual(['activa', 'activa']);
    const tooLong = await call('signatures.enroll', { personId: personId(store, CAROL), pin: '246813', capture: { strokes: Array(13).fill(initials(0)[0]), canvas }, use: 'rubrica' });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/rúbrica son unos pocos trazos/) } });
    const badUse = await call('signatures.enroll', { personId: personId(store, CAROL), pin: '246813', capture: { strokes: initials(0), canvas }, use: 'sello' });
    expect(badUse).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('stamps each signer’s rúbrica on every page but their box’s, in the signature’s own revision; every signature stays valid', async () => {
    const carolInk = (await ok<SignatureSummary[]>('signatures.list', {})).filter((s) => s.personId === personId(store, CAROL));
    const carolFirma = carolInk.find((s) => s.use === 'firma')!;
    const carolRubrica = carolInk.filter((s) => s.use === 'rubrica').at(-1)!;
    const viriRubrica = await enroll(VIRIDIANA, 'rubrica', initials(8));
    doc = await createInformeDocument(store, { commission: 'CMI', year: 2023, period: 2 }, 'secretaria', newId);
    await ok('documents.lock', { id: doc.id });
    const [carol, viridiana] = doc.signers;
    expect(carol!.name).toMatch(/Carol/);
    expect(viridiana!.name).toMatch(/Viridiana/);

    // A full signature offered as the rúbrica, or another person's rúbrica, is refused and signs nothing.
    const wrongUse = await call('documents.sign', { id: doc.id, memberId: carol!.memberId, credentials: creds[CAROL], password: PW, rubrica: { signatureId: carolFirma.id, pin: '246813' } });
    expect(wrongUse).toMatchObject({ ok: false, error: { message: 'Lo elegido como rúbrica es una firma completa; elija una rúbrica.' } });
    const foreign = await call('documents.sign', { id: doc.id, memberId: carol!.memberId, credentials: creds[CAROL], password: PW, rubrica: { signatureId: viriRubrica.id, pin: '246813' } });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/es de MTRA\. VIRIDIANA/) } });
    const wrongPin = await call('documents.sign', { id: doc.id, memberId: carol!.memberId, credentials: creds[CAROL], password: PW, rubrica: { signatureId: carolRubrica.id, pin: '000000' } });
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: 'PIN de la rúbrica incorrecto. Le quedan 4 intento(s).' } });
    expect(store.get('documents', doc.id)!.signers[0]!.status).toBe('pendiente');

    await ok('documents.sign', {
      id: doc.id,
      memberId: carol!.memberId,
      credentials: creds[CAROL],
      password: PW,
      handwritten: { signatureId: carolFirma.id, pin: '246813' },
      rubrica: { signatureId: carolRubrica.id, pin: '246813' },
    });
    const after = await ok<DocumentSummary>('documents.sign', {
      id: doc.id,
      memberId: viridiana!.memberId,
      credentials: creds[VIRIDIANA],
      password: PW,
      rubrica: { signatureId: viriRubrica.id, pin: '246813' },
    });
    expect(after.signers.map((s) => s.status)).toEqual(['firmado', 'firmado', 'pendiente', 'pendiente']);

    signed = Buffer.from((await ok<{ base64: string }>('documents.pdf', { id: doc.id })).base64, 'base64');
    const pages = widgetsByPage(signed);
    const boxPage = carol!.page + 1;
    expect(viridiana!.page + 1).toBe(boxPage);
    const carolField = `Firma ${carol!.name}`.replace(/[^\p{L}\p{N} _-]/gu, '');
    const viriField = `Firma ${viridiana!.name}`.replace(/[^\p{L}\p{N} _-]/gu, '');
    for (const [page, names] of pages) {
      if (page === boxPage) {
        // The hoja de firmas holds Carol's box with her ink; Viridiana signed without ink there.
        expect(names).toEqual([carolField]);
      } else {
        expect(names.sort()).toEqual([carolField, viriField].sort());
      }
    }
    expect(pages.size).toBeGreaterThan(14);

    const result = verifyPdf(signed);
    expect(result.signatures).toHaveLength(2);
    for (const s of result.signatures) {
      expect(s.integrity).toBe(true);
      expect(s.modifiedAfter).toBe(false);
      expect(s.modifications).toEqual([]);
      expect(s.verdict).toBe('untrusted');
    }
    expect(result.signatures[0]!.laterChanges).toBe('signatures-only');
    const path = process.env.RUBRICA_OUT ?? join(dir, 'rubricado.pdf');
    await writeFile(path, signed);
    const pdfsig = spawnSync('pdfsig', [path], { encoding: 'utf8' }).stdout;
    expect(pdfsig.match(/Signature Validation: Signature is Valid/g)).toHaveLength(2);
    expect(pdfsig).toMatch(/Signature #2:[\s\S]*Total document signed/);
  });
});

describe('rúbricas on the programa’s portrait and landscape pages, as printed', () => {
  it('puts the ink in the outer margin of every page, clear of the text and of the cronograma tables', async () => {
    const rubrica = await enroll(VIRIDIANA, 'rubrica', initials(3));
    const doc = await ok<DocumentSummary>('reports.createDocument', { kind: 'programa', commission: 'CVSPE', year: 2020 });
    await ok('documents.lock', { id: doc.id });
    const index = doc.signers.findIndex((s) => /viridiana/i.test(s.name));
    const slot = doc.signers[index]!;
    const unsignedPath = join(dir, 'programa-bloqueado.pdf');
    await writeFile(unsignedPath, Buffer.from((await ok<{ base64: string }>('documents.pdf', { id: doc.id })).base64, 'base64'));
    await ok('documents.sign', { id: doc.id, memberId: slot.memberId, credentials: creds[VIRIDIANA], password: PW, rubrica: { signatureId: rubrica.id, pin: '246813' } });
    const signedPath = join(dir, 'programa-rubricado.pdf');
    await writeFile(signedPath, Buffer.from((await ok<{ base64: string }>('documents.pdf', { id: doc.id })).base64, 'base64'));

    // At 72 dpi a pixel is a point: rectangles from the PDF apply as they are.
    const before = renderGrayPages(unsignedPath, 72);
    const after = renderGrayPages(signedPath, 72);
    expect(after).toHaveLength(before.length);
    let landscape = 0;
    after.forEach((img, i) => {
      if (i === slot.page) return;
      const size = { width: img.width, height: img.height };
      if (size.width > size.height) landscape++;
      const rect = rubricaRect(size, index);
      const [x1, y1, x2, y2] = rect;
      // Inside the page, in the outer margin: text and tables keep 72 pt from the edge on portrait pages, 48 pt on landscape ones.
      expect(x1, `page ${i + 1}`).toBeGreaterThanOrEqual(size.width - (size.width > size.height ? 48 : 72));
      expect(x2, `page ${i + 1}`).toBeLessThanOrEqual(size.width - 8);
      // Nothing was drawn there before, nor within 2 pt of it: the ink touches neither the table's border nor the text.
      expect(darkPixels(before[i]!, [x1 - 2, y1 - 2, x2, y2 + 2], 72), `page ${i + 1} before`).toBe(0);
      expect(darkPixels(img, rect, 72), `page ${i + 1} ink`).toBeGreaterThan(20);
      // And the signature changed nothing else on the page.
      const outside = darkPixels(img, [0, 0, size.width, size.height], 72) - darkPixels(img, rect, 72);
      const outsideBefore = darkPixels(before[i]!, [0, 0, size.width, size.height], 72) - darkPixels(before[i]!, rect, 72);
      expect(outside, `page ${i + 1} outside the rúbrica`).toBe(outsideBefore);
    });
    expect(landscape).toBeGreaterThanOrEqual(9);
    expect(after.length - landscape - 1).toBeGreaterThanOrEqual(10);
    const landscapeAt = after.findIndex((img) => img.width > img.height) + 1;
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    for (const p of [2, landscapeAt]) execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', String(p), '-l', String(p), signedPath, join(SCREENSHOT_DIR, `programa-rubrica-p${p}`)]);
    const pdfsig = spawnSync('pdfsig', [signedPath], { encoding: 'utf8' }).stdout;
    expect(pdfsig).toMatch(/Total document signed\n\s*- Signature Validation: Signature is Valid\./);
  });
});
