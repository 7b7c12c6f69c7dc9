import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfReader, PdfRef, PdfStream, decodeText, isName } from '../../src-main/services/pdfsign/index.js';
import { verifyPdf } from '../../src-main/services/pdfsign/verify.js';
import { createInformeDocument } from '../../src-main/services/reports/documents.js';
import type { DocumentSummary, SignatureSummary } from '../../src-shared/contract/calls.js';
import { newId } from '../../src-shared/ids.js';
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
