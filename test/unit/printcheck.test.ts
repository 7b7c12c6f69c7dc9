import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import jsQR from 'jsqr';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors.js';
import { verifyPrintCommand } from '../../src-main/cli/verify-print.js';
import { signPdf } from '../../src-main/services/pdfsign/incremental.js';
import { verifyPdf } from '../../src-main/services/pdfsign/verify.js';
import { appendPage } from '../../src-main/services/printcheck/append-page.js';
import { parseCadena } from '../../src-main/services/printcheck/cadena.js';
import { sealPdf, type SealResult } from '../../src-main/services/printcheck/seal.js';
import { verifyPrint } from '../../src-main/services/printcheck/verify-print.js';
import { testPki, type TestPki } from '../support/pdfsign-certs.js';
import { pdfsigVerdicts, qpdfCheck, tool } from '../support/pdfsign-tools.js';
import { readPgm } from '../support/pgm.js';
import { demoActa, type DemoActa } from '../support/printcheck-fixtures.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let pki: TestPki;
let acta: DemoActa;
let body: Buffer;
let sealed: SealResult;
let signed: Buffer;
let signedPath: string;
let pageCount: number;

const LOCKED_AT = new Date('2026-03-02T17:30:00Z');
const DOCUMENT_ID = '01JQ8ZK3V7M2N4P6R8T0W2Y4A6';

const meta = () => ({
  documentId: DOCUMENT_ID,
  kind: 'acta',
  title: `Acta ${acta.session.key}`,
  sessionKey: acta.session.key,
  lockedAt: LOCKED_AT,
  signers: acta.slots.map((s) => s.name),
});

const squash = (text: string): string => text.replace(/\s+/g, '');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

beforeAll(async () => {
  dir = await tempDir('sesiona-printcheck-');
  pki = testPki();
  acta = await demoActa();
  body = Buffer.from(acta.pdf);
  // The third test certificate plays the institute's seal.
  sealed = sealPdf(body, meta(), pki.signers[2]);
  signed = signPdf(signPdf(sealed.pdf, pki.signers[0], { reason: 'Aprobación del acta' }), pki.signers[1]);
  signedPath = join(dir.path, 'acta-firmada.pdf');
  await writeFile(signedPath, signed);
  pageCount = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [signedPath]).stdout)?.[1]);
});

afterAll(async () => {
  await dir.cleanup();
});

describe('sealPdf', () => {
  it('builds the cadena in the documented order, a sello over it and the QR payload', () => {
    const fields = parseCadena(sealed.cadena);
    expect(fields).not.toBeNull();
    expect(sealed.cadena.startsWith(`||1|${DOCUMENT_ID}|acta|Acta IEM-CMI-SEORD-03/2023|IEM-CMI-SEORD-03/2023|2026-03-02T17:30:00.000Z|${body.length}|`)).toBe(true);
    expect(fields?.signers).toEqual(acta.slots.map((s) => s.name));
    expect(sealed.payload).toBe(`SESIONA|1|${DOCUMENT_ID}|${body.length}|${fields?.sha256}`);
    expect(Buffer.from(sealed.sello, 'base64')).toHaveLength(256);
  });

  it('escapes "|" and collapses whitespace in values', () => {
    const r = sealPdf(body, { ...meta(), title: 'Acta  con |barra|\n y saltos', signers: ['UNO; DOS', '  TRES  '] }, pki.signers[2]);
    expect(r.cadena).toContain('|Acta con /barra/ y saltos|');
    expect(r.cadena.endsWith('|UNO, DOS;TRES||')).toBe(true);
  });

  it('keeps the locked body as an exact byte prefix of the sealed and of the signed file', () => {
    expect(sealed.pdf.subarray(0, body.length).equals(body)).toBe(true);
    expect(signed.subarray(0, body.length).equals(body)).toBe(true);
    expect(signed.subarray(0, sealed.pdf.length).equals(sealed.pdf)).toBe(true);
  });

  it('refuses to seal twice or to seal a signed document', () => {
    expect(() => sealPdf(sealed.pdf, meta(), pki.signers[2])).toThrow(/ya tiene cadena original/);
    expect(() => sealPdf(signPdf(body, pki.signers[0]), meta(), pki.signers[2])).toThrow(/antes de la primera firma/);
    expect(() => sealPdf(Buffer.from('hola'), meta(), pki.signers[2])).toThrow(AppError);
  });
});

describe('the sealed and signed acta, checked with poppler and qpdf', () => {
  it('keeps every signature valid (pdfsig) and the file well formed (qpdf --check)', () => {
    expect(pdfsigVerdicts(signedPath)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    const check = qpdfCheck(signedPath);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors');
    const report = verifyPdf(signed, [pki.ca.certificate]);
    expect(report.signatures.map((s) => [s.integrity, s.modifiedAfter, s.chainTrusted])).toEqual([
      [true, false, true],
      [true, false, true],
    ]);
  });

  it('adds one last page whose text holds the heading, the cadena, the sello and the payload', () => {
    expect(pageCount).toBe(acta.slots[0]!.page + 2);
    const text = tool('pdftotext', ['-f', String(pageCount), '-l', String(pageCount), '-enc', 'UTF-8', signedPath, '-']).stdout;
    expect(text).toContain('CADENA ORIGINAL Y SELLO');
    expect(text).toContain('Cómo comprobar una copia impresa');
    expect(squash(text)).toContain(squash(sealed.cadena));
    expect(squash(text)).toContain(sealed.sello);
    expect(squash(text)).toContain(squash(sealed.payload));
    expect(text).toContain('00001000000700000003'); // the seal certificate's number
    // The hoja de firmas is still the page before.
    const before = tool('pdftotext', ['-f', String(pageCount - 1), '-l', String(pageCount - 1), signedPath, '-']).stdout;
    expect(before).toContain('HOJA DE FIRMAS');
  });

  it('draws a QR that reads back as the payload from a 150-dpi grayscale render', async () => {
    const prefix = join(dir.path, 'page');
    const run = tool('pdftoppm', ['-r', '150', '-gray', '-f', String(pageCount), '-l', String(pageCount), '-singlefile', signedPath, prefix]);
    expect(run.status).toBe(0);
    const gray = readPgm(`${prefix}.pgm`);
    const rgba = new Uint8ClampedArray(gray.width * gray.height * 4);
    for (let i = 0; i < gray.width * gray.height; i++) {
      const v = gray.pixels[i] as number;
      rgba[i * 4] = v;
      rgba[i * 4 + 1] = v;
      rgba[i * 4 + 2] = v;
      rgba[i * 4 + 3] = 255;
    }
    const code = jsQR(rgba, gray.width, gray.height);
    expect(code?.data).toBe(sealed.payload);

    const shots = resolve(process.cwd(), 'test-results/screenshots');
    await mkdir(shots, { recursive: true });
    const png = tool('pdftoppm', ['-r', '150', '-png', '-f', String(pageCount), '-l', String(pageCount), '-singlefile', signedPath, join(shots, 'constancia-sellado')]);
    expect(png.status).toBe(0);
  });
  it('seals a PDF with cross-reference and object streams, keeping its page size', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595.28, 841.89]).drawText('Programa anual de trabajo', { x: 72, y: 760, size: 12, font });
    const a4 = Buffer.from(await doc.save({ useObjectStreams: true }));
    const r = sealPdf(a4, { documentId: 'PAT-2020-CVSPE', kind: 'programa', title: 'Programa Anual de Trabajo 2020', lockedAt: LOCKED_AT, signers: [] }, pki.signers[2]);
    expect(r.cadena).toContain('|PAT-2020-CVSPE|programa|Programa Anual de Trabajo 2020||');
    const path = join(dir.path, 'a4.pdf');
    await writeFile(path, signPdf(r.pdf, pki.signers[0]));
    expect(pdfsigVerdicts(path)).toEqual(['Signature is Valid.']);
    expect(qpdfCheck(path).status).toBe(0);
    expect(tool('pdfinfo', ['-f', '2', '-l', '2', path]).stdout).toMatch(/Page\s+2 size:\s+595.28 x 841.89/);
    expect(verifyPrint(r.payload, await readFile(path)).matches).toBe(true);
  });
});

describe('verifyPrint', () => {
  it('matches the signed file, with the sello and the seal certificate trusted', () => {
    const r = verifyPrint(sealed.payload, signed, [pki.ca.certificate]);
    expect(r).toMatchObject({ matches: true, documentId: DOCUMENT_ID, reasons: [], signatures: 2, selloValid: true, sealTrusted: true });
    expect(r.cadena).toBe(sealed.cadena);
  });

  it('reports a QR of another document', () => {
    const other = sealed.payload.replace(/[0-9a-f]{64}$/, 'a'.repeat(64));
    const r = verifyPrint(other, signed);
    expect(r.matches).toBe(false);
    expect(r.reasons).toContain('El código QR no corresponde a este documento.');
    expect(r.selloValid).toBe(true);
  });

  it('reports a file with a changed byte in the locked body', () => {
    // Byte 11 sits in the binary comment after the header: the file still parses.
    const tampered = Buffer.from(signed);
    tampered[11] = (tampered[11] as number) ^ 0x01;
    const r = verifyPrint(sealed.payload, tampered);
    expect(r.matches).toBe(false);
    expect(r.reasons).toContain('El documento fue modificado después de sellarse.');
    expect(r.reasons).toContain('Una firma no es válida.');
  });

  it('reports content appended after the last signature', () => {
    const extra = appendPage(signed, { mediaBox: [0, 0, 612, 792], content: Buffer.from('BT /F1 12 Tf 72 700 Td (Texto agregado) Tj ET'), fonts: { F1: 'Helvetica' } });
    const r = verifyPrint(sealed.payload, extra);
    expect(r.matches).toBe(false);
    expect(r.reasons).toContain('El documento fue modificado después de firmarse.');
    expect(r.reasons).toContain('El documento tiene cambios posteriores al sellado que no son firmas.');

    const junk = verifyPrint(sealed.payload, Buffer.concat([signed, Buffer.from('% basura agregada\n')]));
    expect(junk.matches).toBe(false);
    expect(junk.reasons).toContain('El documento fue modificado después de firmarse.');
  });

  it('reports a tampered sello', () => {
    const at = signed.indexOf('/Sello (', 0, 'latin1') + '/Sello ('.length;
    const tampered = Buffer.from(signed);
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    const r = verifyPrint(sealed.payload, tampered);
    expect(r.selloValid).toBe(false);
    expect(r.matches).toBe(false);
    expect(r.reasons).toContain('El sello digital no es válido para la cadena original.');

    // A sello made over other data, in an otherwise intact and validly signed file.
    const wrongSeal = { certificate: pki.signers[2].certificate, sign: (data: Buffer) => pki.signers[2].sign(Buffer.concat([data, Buffer.from('x')])) };
    const bad = signPdf(sealPdf(body, meta(), wrongSeal).pdf, pki.signers[0]);
    const r2 = verifyPrint(sealed.payload, bad);
    expect(r2).toMatchObject({ matches: false, selloValid: false, signatures: 1 });
    expect(r2.failures).toEqual(['sello-invalid']);
  });

  it('does not accept a sealed copy that nobody signed, nor an unsealed file', () => {
    expect(verifyPrint(sealed.payload, sealed.pdf).failures).toEqual(['unsigned']);
    const unsealed = verifyPrint(sealed.payload, signPdf(body, pki.signers[0]));
    expect(unsealed.matches).toBe(false);
    expect(unsealed.reasons).toContain('El archivo no contiene la cadena original ni el sello de Sesiona.');
  });

  it('rejects a payload that is not a Sesiona QR, and a file that is not a PDF, with a clear error', () => {
    for (const garbage of ['hola mundo', '', 'SESIONA|1|X|12|abc', 'SESIONA|2|X|12|' + 'a'.repeat(64)]) {
      expect(() => verifyPrint(garbage, signed)).toThrow(/no es un código de verificación de Sesiona/);
    }
    expect(() => verifyPrint(sealed.payload, Buffer.from('no soy un PDF'))).toThrow(/no es un PDF válido/);
  });
});

describe('sesiona verify-print', () => {
  it('exits 0 when the printed copy matches, 1 when it does not, 2 on bad usage', async () => {
    const ok = capture();
    expect(await verifyPrintCommand(['--qr', sealed.payload, '--pdf', signedPath], ok.io)).toBe(0);
    expect(ok.out.join('\n')).toMatch(/^MATCH/);

    const caPath = join(dir.path, 'ca.cer');
    await writeFile(caPath, pki.ca.certificate);
    const json = capture();
    expect(await verifyPrintCommand(['--qr', sealed.payload, '--pdf', signedPath, '--json', '--trust', caPath], json.io)).toBe(0);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ matches: true, signatures: 2, selloValid: true, sealTrusted: true });

    const no = capture();
    const other = sealed.payload.replace(/[0-9a-f]{64}$/, 'b'.repeat(64));
    expect(await verifyPrintCommand(['--qr', other, '--pdf', signedPath], no.io)).toBe(1);
    expect(no.out.join('\n')).toContain('the QR code does not belong to this document');

    const usage = capture();
    expect(await verifyPrintCommand(['--qr', sealed.payload], usage.io)).toBe(2);
    expect(usage.err.join('\n')).toContain('missing --pdf');
    expect(await verifyPrintCommand(['--qr', sealed.payload, '--pdf', signedPath, '--bogus'], capture().io)).toBe(2);
    expect(await verifyPrintCommand(['--qr', sealed.payload, '--pdf', join(dir.path, 'missing.pdf')], capture().io)).toBe(2);
    const garbage = capture();
    expect(await verifyPrintCommand(['--qr', 'garbage', '--pdf', signedPath], garbage.io)).toBe(2);
    expect(garbage.err.join('\n')).toContain('código QR');
    expect((await readFile(signedPath)).equals(signed)).toBe(true);
  });
});
