import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors.js';
import { signBatch } from '../../src-main/services/pdfsign/batch.js';
import { signPdf } from '../../src-main/services/pdfsign/incremental.js';
import { PdfReader } from '../../src-main/services/pdfsign/reader.js';
import { serialize } from '../../src-main/services/pdfsign/syntax.js';
import type { PdfSigner, SignOptions } from '../../src-main/services/pdfsign/types.js';
import { verifyPdf } from '../../src-main/services/pdfsign/verify.js';
import { testPki, type TestPki } from '../support/pdfsign-certs.js';
import { opensslCmsPrint, opensslCmsVerify, opensslTimestamp, pdfsigVerdicts, qpdfCheck, rawSignatures, tool } from '../support/pdfsign-tools.js';
import { tempDir } from '../support/temp.js';

const VALID = 'Signature is Valid.';
const ESS_V2 = /id-smime-aa-signingCertificateV2|1\.2\.840\.113549\.1\.9\.16\.2\.47/;

let pki: TestPki;
let dir: { path: string; cleanup: () => Promise<void> };
let caPath: string;
let fileCounter = 0;

beforeAll(async () => {
  pki = testPki();
  dir = await tempDir('sesiona-pdfsign-');
  caPath = join(dir.path, 'ca.pem');
  writeFileSync(caPath, pki.ca.certificatePem);
});

afterAll(async () => {
  await dir.cleanup();
});

async function actaPdf(useObjectStreams: boolean, pages = 2): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`ACTA DE LA TERCERA SESIÓN ORDINARIA — página ${i + 1}`, { x: 50, y: 720, size: 12, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams }));
}

function save(pdf: Buffer, name = 'doc'): string {
  const path = join(dir.path, `${name}-${++fileCounter}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

function signAll(pdf: Buffer, opts: (i: number) => SignOptions = () => ({})): Buffer[] {
  const revisions: Buffer[] = [];
  let current = pdf;
  pki.signers.forEach((signer, i) => {
    current = signPdf(current, signer, { reason: 'Aprobación del acta', location: 'Morelia, Michoacán', ...opts(i) });
    revisions.push(current);
  });
  return revisions;
}

/** pdfsig, qpdf and openssl, each on its own, agree that every signature in `pdf` is sound. */
function expectToolsAccept(pdf: Buffer, signatures: number): void {
  const path = save(pdf, 'tools');
  expect(pdfsigVerdicts(path)).toEqual(Array(signatures).fill(VALID));
  const check = qpdfCheck(path);
  expect(check.stdout + check.stderr).not.toMatch(/WARNING/);
  expect(check.stdout).toMatch(/No syntax or stream encoding errors found/);
  expect(check.status).toBe(0);
  const raw = rawSignatures(pdf);
  expect(raw).toHaveLength(signatures);
  for (const sig of raw) {
    const cmsPath = save(sig.cms, 'cms');
    const contentPath = save(sig.signedContent, 'content');
    expect(opensslCmsPrint(cmsPath).stdout).toMatch(ESS_V2);
    const verified = opensslCmsVerify(cmsPath, contentPath, caPath);
    expect(verified.stderr).toMatch(/Verification successful/);
    expect(verified.status).toBe(0);
  }
}

describe.each([
  ['object streams (xref stream)', true],
  ['classic xref table', false],
])('three signers on a pdf-lib document with %s', (_label, useObjectStreams) => {
  let revisions: Buffer[];

  beforeAll(async () => {
    revisions = signAll(await actaPdf(useObjectStreams), (i) => (i === 1 ? { visible: { page: 1, rect: [50, 50, 250, 110] } } : {}));
  });

  it('keeps every earlier byte and every earlier signature valid for pdfsig, qpdf and openssl', () => {
    for (let i = 1; i < revisions.length; i++) {
      const before = revisions[i - 1] as Buffer;
      expect((revisions[i] as Buffer).subarray(0, before.length).equals(before)).toBe(true);
    }
    expectToolsAccept(revisions[2] as Buffer, 3);
  });

  it('verifyPdf reports three sound signatures, trusted only under the test CA', () => {
    const final = revisions[2] as Buffer;
    const trusted = verifyPdf(final, [pki.ca.certificate]);
    expect(trusted.isSignedPdf).toBe(true);
    expect(trusted.signatures.map((s) => s.fieldName)).toEqual(['Firma1', 'Firma2', 'Firma3']);
    expect(trusted.signatures.map((s) => s.signerName)).toEqual(pki.signers.map((s) => s.commonName));
    for (const sig of trusted.signatures) {
      expect(sig.integrity).toBe(true);
      expect(sig.chainTrusted).toBe(true);
      expect(sig.hasSigningCertificateV2).toBe(true);
      expect(sig.coversWholeDocumentAtThatRevision).toBe(true);
      expect(sig.modifiedAfter).toBe(false);
      expect(sig.reason).toBe('Aprobación del acta');
      expect(sig.location).toBe('Morelia, Michoacán');
      expect(sig.subFilter).toBe('ETSI.CAdES.detached');
      expect(sig.problems).toEqual([]);
    }
    // Earlier signatures: later updates exist, and they only add signatures.
    expect(trusted.signatures.map((s) => s.coversWholeFile)).toEqual([false, false, true]);
    expect(trusted.signatures.map((s) => s.laterRevisions)).toEqual([2, 1, 0]);
    expect(trusted.signatures.map((s) => s.laterChanges)).toEqual(['signatures-only', 'signatures-only', 'none']);
    const cert = trusted.signatures[0]?.signerCertificate;
    expect(cert?.issuerCN).toBe('AC DE PRUEBAS DEL INSTITUTO');
    expect(Buffer.from(cert?.serialHex ?? '', 'hex').toString('latin1')).toMatch(/^\d{20}$/);

    const untrusted = verifyPdf(final, [pki.unrelatedRoot.certificate]);
    expect(untrusted.signatures.map((s) => s.chainTrusted)).toEqual([false, false, false]);
    expect(untrusted.signatures.every((s) => s.integrity)).toBe(true);
    expect(verifyPdf(final).signatures.map((s) => s.chainTrusted)).toEqual([null, null, null]);
  });

  it('detects one flipped byte inside a signed range', () => {
    const tampered = Buffer.from(revisions[2] as Buffer);
    // Inside the page content stream of the original document, covered by every signature.
    const at = tampered.indexOf('stream', 0, 'latin1') + 20;
    tampered[at] = (tampered[at] as number) ^ 0x01;
    const report = verifyPdf(tampered, [pki.ca.certificate]);
    expect(report.signatures.map((s) => s.integrity)).toEqual([false, false, false]);
    expect(report.signatures[0]?.problems.join(' ')).toMatch(/alterado/);
  });

  it('reports bytes appended after the last signature as a modification', () => {
    const appended = Buffer.concat([revisions[2] as Buffer, Buffer.from('\n% añadido después de firmar\n1 0 obj\n(x)\nendobj\n', 'latin1')]);
    const report = verifyPdf(appended, [pki.ca.certificate]);
    expect(report.signatures.every((s) => s.integrity)).toBe(true);
    expect(report.signatures.map((s) => s.modifiedAfter)).toEqual([true, true, true]);
    expect(report.signatures[2]?.coversWholeFile).toBe(false);
  });
});

/** An incremental update that changes the first page's MediaBox: a content change, not a signature. */
function appendPageChange(pdf: Buffer): Buffer {
  const reader = PdfReader.open(pdf);
  const page = reader.pages()[0] as { ref: { num: number; gen: number }; dict: Map<string, unknown> };
  const dict = new Map(page.dict);
  dict.set('MediaBox', [0, 0, 300, 300]);
  const offset = pdf.length + 1;
  const body = `\n${page.ref.num} ${page.ref.gen} obj\n${serialize(dict as never)}\nendobj\n`;
  const xrefAt = pdf.length + body.length;
  const trailer = new Map(reader.trailer);
  for (const key of ['Type', 'W', 'Index', 'Length', 'Filter', 'DecodeParms', 'XRefStm']) trailer.delete(key);
  trailer.set('Prev', reader.sections[0]?.offset as number);
  const xref =
    `xref\n${page.ref.num} 1\n${String(offset).padStart(10, '0')} ${String(page.ref.gen).padStart(5, '0')} n\r\n` +
    `trailer\n${serialize(trailer as never)}\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body + xref, 'latin1')]);
}

describe('verifyPdf', () => {
  it('tells a later content change apart from later signatures', async () => {
    const [first] = signAll(await actaPdf(true));
    const changed = appendPageChange(first as Buffer);
    expect(qpdfCheck(save(changed)).status).toBe(0);
    const report = verifyPdf(changed, [pki.ca.certificate]);
    expect(report.signatures[0]?.integrity).toBe(true);
    expect(report.signatures[0]?.laterRevisions).toBe(1);
    expect(report.signatures[0]?.laterChanges).toBe('other');
    expect(report.signatures[0]?.modifiedAfter).toBe(true);
    // A signature added on top still leaves the first one "modified after".
    const resigned = signPdf(changed, pki.signers[1]);
    const again = verifyPdf(resigned, [pki.ca.certificate]);
    expect(again.signatures.map((s) => s.modifiedAfter)).toEqual([true, false]);
  });

  it('refuses a file that is not a PDF with a clear Spanish message', () => {
    const notPdf = Buffer.from('PK\x03\x04 esto es un zip, no un PDF', 'latin1');
    expect(() => verifyPdf(notPdf)).toThrow(AppError);
    expect(() => verifyPdf(notPdf)).toThrow('El archivo no es un PDF válido.');
    expect(() => signPdf(notPdf, pki.signers[0])).toThrow('El archivo no es un PDF válido.');
  });

  it('says an unsigned PDF is not signed', async () => {
    expect(verifyPdf(await actaPdf(true))).toEqual({ isSignedPdf: false, signatures: [] });
    expect(verifyPdf(await actaPdf(false))).toEqual({ isSignedPdf: false, signatures: [] });
  });

  it('gives a damaged PDF a clear error instead of a crash', async () => {
    const pdf = await actaPdf(false);
    const cut = pdf.subarray(0, pdf.length - 200);
    expect(() => verifyPdf(Buffer.concat([cut, Buffer.from('startxref\n999999\n%%EOF')]))).toThrow(/PDF está dañado/);
  });
});

describe('signPdf', () => {
  it('signs PDFs written by other writers (cairo, qpdf QDF, qpdf object streams, linearized)', async () => {
    const source = save(await actaPdf(false, 3), 'source');
    const variants: [string, string[]][] = [
      ['pdftocairo', ['/usr/bin/pdftocairo', '-pdf', source]],
      ['qdf', ['/usr/bin/qpdf', '--qdf', source]],
      ['objstm', ['/usr/bin/qpdf', '--object-streams=generate', source]],
      ['linearized', ['/usr/bin/qpdf', '--linearize', source]],
    ];
    for (const [name, [command, ...args]] of variants) {
      const out = join(dir.path, `${name}.pdf`);
      const run = tool(command as string, [...args, out]);
      expect(run.status, `${name}: ${run.stderr}`).toBe(0);
      const revisions = signAll(readFileSync(out)).slice(0, 2);
      const final = revisions[1] as Buffer;
      expectToolsAccept(final, 2);
      const report = verifyPdf(final, [pki.ca.certificate]);
      expect(report.signatures.map((s) => [s.integrity, s.chainTrusted, s.modifiedAfter]), name).toEqual([
        [true, true, false],
        [true, true, false],
      ]);
    }
  });

  it('embeds an RFC 3161 timestamp over the signature value', () => {
    return actaPdf(true).then((pdf) => {
      const signed = signPdf(pdf, pki.signers[2], { timestamp: (value) => opensslTimestamp(pki, dir.path, value) });
      expectToolsAccept(signed, 1);
      const cmsPath = save(rawSignatures(signed)[0]?.cms as Buffer, 'ts');
      expect(opensslCmsPrint(cmsPath).stdout).toMatch(/id-smime-aa-timeStampToken|1\.2\.840\.113549\.1\.9\.16\.2\.14/);
      const sig = verifyPdf(signed, [pki.ca.certificate]).signatures[0];
      expect(sig?.timestamp?.imprintMatches).toBe(true);
      expect(sig?.timestamp?.signatureValid).toBe(true);
      expect(sig?.timestamp?.tsaName).toBe('SELLO DE TIEMPO DE PRUEBAS');
      expect(Math.abs(Date.parse(sig?.timestamp?.time ?? '') - Date.now())).toBeLessThan(5 * 60_000);
    });
  });

  it('writes the claimed time to /M, and optionally to a signingTime attribute', async () => {
    const when = new Date('2023-05-30T17:45:00Z');
    const signed = signPdf(await actaPdf(false), pki.signers[0], { signingTime: when, signingTimeAttribute: true, name: 'María', contactInfo: 'cmi@iem.mx' });
    expect(signed.includes("/M (D:20230530174500+00'00')", 0, 'latin1')).toBe(true);
    const cmsPath = save(rawSignatures(signed)[0]?.cms as Buffer, 'st');
    expect(opensslCmsPrint(cmsPath).stdout).toMatch(/signingTime/);
    const sig = verifyPdf(signed).signatures[0];
    expect(sig?.signingTime).toBe(when.toISOString());
    expect(sig?.contactInfo).toBe('cmi@iem.mx');
    expect(pdfsigVerdicts(save(signed))).toEqual([VALID]);
  });

  it('draws a caller-supplied appearance in a visible widget', async () => {
    const stream = Buffer.from('0 0 1 rg 0 0 200 60 re f', 'latin1');
    const signed = signPdf(await actaPdf(true), pki.signers[0], { visible: { page: 0, rect: [300, 100, 500, 160] }, appearance: { stream, resources: '<<>>' } });
    expectToolsAccept(signed, 1);
    const png = join(dir.path, 'render');
    expect(tool('/usr/bin/pdftoppm', ['-png', '-r', '20', '-f', '1', '-l', '1', save(signed), png]).status).toBe(0);
  });

  it('fails clearly on a duplicate field name, a missing page, a tiny placeholder and an encrypted file', async () => {
    const pdf = await actaPdf(true);
    const once = signPdf(pdf, pki.signers[0], { fieldName: 'Presidencia' });
    expect(() => signPdf(once, pki.signers[1], { fieldName: 'Presidencia' })).toThrow(/Ya existe un campo llamado «Presidencia»/);
    expect(() => signPdf(pdf, pki.signers[1], { visible: { page: 7, rect: [0, 0, 10, 10] } })).toThrow(/La página 8 no existe/);
    expect(() => signPdf(pdf, pki.signers[1], { placeholderSize: 1024 })).toThrow(/no cabe en el espacio reservado/);

    const plain = save(pdf, 'plain');
    const encrypted = join(dir.path, 'encrypted.pdf');
    expect(tool('/usr/bin/qpdf', ['--encrypt', 'usuario', 'dueño', '256', '--', plain, encrypted]).status).toBe(0);
    expect(() => signPdf(readFileSync(encrypted), pki.signers[1])).toThrow(/cifrado/);

    // A certification signature that allows no changes at all (DocMDP /P 1).
    const certified = await PDFDocument.create();
    certified.addPage();
    const sig = certified.context.obj({ Type: 'Sig', Reference: [{ Type: 'SigRef', TransformMethod: 'DocMDP', TransformParams: { P: 1 } }] });
    certified.catalog.set(PDFName.of('Perms'), certified.context.obj({ DocMDP: certified.context.register(sig) }));
    const certifiedBytes = Buffer.from(await certified.save());
    expect(() => signPdf(certifiedBytes, pki.signers[1])).toThrow(/certificado sin permitir cambios/);
  });
});

describe('signBatch', () => {
  it('signs every file and reports progress', async () => {
    const inputs = await Promise.all([true, false, true].map((os) => actaPdf(os)));
    const files = inputs.map((pdf, i) => ({ in: save(pdf, `lote-${i}`), out: join(dir.path, `lote-${i}.firmado.pdf`) }));
    const seen: number[] = [];
    const result = await signBatch(files, pki.signers[0], { reason: 'Lote' }, (p) => seen.push(p.done));
    expect(result).toEqual({ signed: 3, failed: [] });
    expect(seen).toEqual([1, 2, 3]);
    for (const file of files) expect(verifyPdf(readFileSync(file.out)).signatures[0]?.integrity).toBe(true);
  });

  it('leaves no output and no temp file when signing fails', async () => {
    const batchDir = await tempDir('sesiona-pdfsign-batch-');
    try {
      const good = join(batchDir.path, 'acta.pdf');
      writeFileSync(good, await actaPdf(true));
      const broken = join(batchDir.path, 'no-es-pdf.pdf');
      writeFileSync(broken, 'esto no es un PDF');
      const failing: PdfSigner = {
        ...pki.signers[1],
        sign: () => {
          throw new AppError('UNAUTHORIZED', 'La contraseña de la llave privada es incorrecta.');
        },
      };
      const files = [
        { in: good, out: join(batchDir.path, 'acta.firmada.pdf') },
        { in: broken, out: join(batchDir.path, 'no-es-pdf.firmado.pdf') },
      ];
      const failed = await signBatch(files, failing);
      expect(failed.signed).toBe(0);
      expect(failed.failed.map((f) => f.message).sort()).toEqual(['El archivo no es un PDF válido.', 'La contraseña de la llave privada es incorrecta.']);
      const missingDir = await signBatch([{ in: good, out: join(batchDir.path, 'no-existe', 'x.pdf') }], pki.signers[1]);
      expect(missingDir.failed[0]?.message).toMatch(/No se encontró/);
      for (const file of files) expect(existsSync(file.out)).toBe(false);
      expect(readdirSync(batchDir.path).sort()).toEqual(['acta.pdf', 'no-es-pdf.pdf']);
    } finally {
      await batchDir.cleanup();
    }
  });
});
