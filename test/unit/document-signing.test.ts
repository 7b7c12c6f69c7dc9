import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../src-main/services/api.js';
import { initCa, issueCertificate, issueP12 } from '../../src-main/services/certificates/test-ca.js';
import { Store } from '../../src-main/services/store/store.js';
import type { DocumentSummary, SessionSummary, VerificationReport } from '../../src-shared/contract/calls.js';
import { testPki } from '../support/pdfsign-certs.js';
import { readPgm } from '../support/pgm.js';
import { tempDir } from '../support/temp.js';
import { demoApp, type DemoApp } from '../support/signing-app.js';
import { personId } from '../support/people.js';
import { startLocalTsa } from '../support/tsa-server.js';

const CA_PW = 'clave de la CA 2026';
const PW = 'contraseña firmante';
let certs: Awaited<ReturnType<typeof tempDir>>;
const creds: Record<string, { kind: 'sat'; cer: string; key: string } | { kind: 'p12'; p12: string }> = {};
let caCer: Buffer;

beforeAll(async () => {
  certs = await tempDir('sesiona-certs-');
  const ca = join(certs.path, 'ca');
  await initCa(ca, { password: CA_PW, name: 'AC de pruebas del Instituto Electoral de Michoacán' });
  caCer = await readFile(join(ca, 'ca.cer'));
  const people = [
    ['CAROL BERENICE ARELLANO RANGEL', 'AERC800101AB9'],
    ['ARACELI GUTIÉRREZ CORTÉZ', 'GUCA800101AB0'],
    ['MARÍA DE LOURDES BECERRA PÉREZ', 'BEPL800101AB5'],
  ] as const;
  for (const [name, rfc] of people) {
    const out = join(certs.path, rfc);
    if (rfc === 'GUCA800101AB0') {
      const { p12Path } = await issueP12({ caDir: ca, caPassword: CA_PW, name, rfc, password: PW, outDir: out });
      creds[rfc] = { kind: 'p12', p12: (await readFile(p12Path)).toString('base64') };
    } else {
      const { certificatePath, keyPath } = await issueCertificate({ caDir: ca, caPassword: CA_PW, name, rfc, password: PW, outDir: out });
      creds[rfc] = { kind: 'sat', cer: (await readFile(certificatePath)).toString('base64'), key: (await readFile(keyPath)).toString('base64') };
    }
  }
});

let app: DemoApp;
let store: Store;
let handlers: Handlers;
const ok = <T,>(name: Parameters<typeof dispatch>[1], args: unknown) => app.ok<T>(name, args);
beforeEach(async () => {
  app = await demoApp();
  ({ store, handlers } = app);
});
afterEach(() => app.close());

async function acta(): Promise<DocumentSummary> {
  const sessions = await ok<SessionSummary[]>('sessions.list', {});
  const id = sessions.find((s) => s.key === 'IEM-CMI-SEORD-03/2023')!.id;
  return ok<DocumentSummary>('documents.createActa', { sessionId: id });
}

describe('signing an acta', () => {
  it('needs the document locked first and follows the signing order', async () => {
    const doc = await acta();
    expect(doc.signers.map((s) => s.role)).toEqual(['CONSEJERA PRESIDENTA', 'CONSEJERA INTEGRANTE', 'CONSEJERA INTEGRANTE', 'SECRETARÍA TÉCNICA']);
    const [first, second] = doc.signers;
    const early = await dispatch(handlers, 'documents.sign', { id: doc.id, memberId: first!.memberId, credentials: creds.AERC800101AB9, password: PW });
    expect(early).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Bloquee el documento antes de la primera firma.' } });
    await ok('documents.lock', { id: doc.id });
    const outOfTurn = await dispatch(handlers, 'documents.sign', { id: doc.id, memberId: second!.memberId, credentials: creds.GUCA800101AB0, password: PW });
    expect(!outOfTurn.ok && outOfTurn.error.message).toBe('Según el orden de firma, ahora corresponde firmar a LICDA. CAROL BERENICE ARELLANO RANGEL.');
    const reorder = await dispatch(handlers, 'documents.setOrder', { id: doc.id, memberIds: doc.signers.map((s) => s.memberId).reverse() });
    expect(reorder).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('signs in sequence, each signature an incremental update that keeps the earlier ones valid', async () => {
    const doc = await acta();
    await ok('documents.lock', { id: doc.id });
    const [a, b, c, d] = doc.signers;
    await ok('documents.sign', { id: doc.id, memberId: a!.memberId, credentials: creds.AERC800101AB9, password: PW });
    await ok('documents.sign', { id: doc.id, memberId: b!.memberId, credentials: creds.GUCA800101AB0, password: PW });
    const strokes = [{ points: Array.from({ length: 12 }, (_, i) => ({ x: 10 + i * 8, y: 40 + i, time: i * 16, pressure: 0.5 })) }];
    const capture = { strokes, canvas: { width: 300, height: 100, pixelRatio: 1 } };
    const viridiana = await ok<{ id: string }>('signatures.enroll', { personId: personId(store, 'VIRIDIANA VILLASEÑOR AGUIRRE'), pin: '432121', capture });
    const carol = await ok<{ id: string }>('signatures.enroll', { personId: personId(store, 'CAROL BERENICE ARELLANO RANGEL'), pin: '123434', capture });
    // Refusing for someone else needs their proof: another person's PIN does not do.
    const forged = await dispatch(handlers, 'documents.refuse', {
      id: doc.id, memberId: c!.memberId, reason: 'Ausente en la sesión', confirm: true, proof: { kind: 'pin', signatureId: carol.id, pin: '123434' },
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/es de LICDA\. CAROL BERENICE ARELLANO RANGEL, no de MTRA\. VIRIDIANA VILLASEÑOR AGUIRRE/) } });
    const unconfirmed = await dispatch(handlers, 'documents.refuse', { id: doc.id, memberId: c!.memberId, reason: 'Ausente', proof: { kind: 'pin', signatureId: viridiana.id, pin: '432121' } });
    expect(unconfirmed.ok).toBe(false);
    await ok('documents.refuse', { id: doc.id, memberId: c!.memberId, reason: 'Ausente en la sesión', confirm: true, proof: { kind: 'pin', signatureId: viridiana.id, pin: '432121' } });
    const last = await ok<DocumentSummary>('documents.sign', { id: doc.id, memberId: d!.memberId, credentials: creds.BEPL800101AB5, password: PW });
    expect(last.status).toBe('firmado');
    expect(last.signers.map((s) => s.status)).toEqual(['firmado', 'firmado', 'rechazado', 'firmado']);

    const before = await ok<VerificationReport>('documents.verify', { id: doc.id });
    expect(before.signatures, JSON.stringify(before.signatures, null, 1)).toHaveLength(3);
    expect(before.allIntact, JSON.stringify(before.signatures.map((s) => [s.integrity, s.modifiedAfter, s.laterRevisions, s.problems]))).toBe(true);
    // Without a trusted root nothing is "valid": intact, but of an issuer nobody vouched for.
    expect(before.allValid).toBe(false);
    expect(before.signatures.map((s) => s.verdict)).toEqual(['untrusted', 'untrusted', 'untrusted']);
    expect(before.signatures.map((s) => s.rfc)).toEqual(['AERC800101AB9', 'GUCA800101AB0', 'BEPL800101AB5']);
    expect(before.signatures.every((s) => s.hasSigningCertificateV2 && s.chainTrusted === null)).toBe(true);
    await ok('trust.add', { certificate: caCer.toString('base64') });
    const after = await ok<VerificationReport>('documents.verify', { id: doc.id });
    expect(after.signatures.every((s) => s.chainTrusted === true)).toBe(true);
    expect(after.allValid).toBe(true);

    const pdf = join(app.dir, 'acta.pdf');
    const { base64 } = await ok<{ base64: string }>('documents.pdf', { id: doc.id });
    await writeFile(pdf, Buffer.from(base64, 'base64'));
    const pdfsig = spawnSync('pdfsig', [pdf], { encoding: 'utf8' });
    expect(pdfsig.stdout.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(3);
    expect(execFileSync('qpdf', ['--check', pdf], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
    const audit = (await store.auditEntries(20)).map((e) => e.mutation);
    expect(audit.filter((m) => m === 'document.sign')).toHaveLength(3);
    expect(audit).toContain('document.refuse');
  });

  it('puts the handwritten strokes in the signer’s box when they confirm their stored signature', async () => {
    const doc = await acta();
    await ok('documents.lock', { id: doc.id });
    const strokes = [{ points: Array.from({ length: 30 }, (_, i) => ({ x: 10 + i * 8, y: 40 + 25 * Math.sin(i / 4), time: i * 16, pressure: 0.5 })) }];
    const sig = await ok<{ id: string }>('signatures.enroll', { personId: personId(store, 'CAROL BERENICE ARELLANO RANGEL'), pin: '202323', capture: { strokes, canvas: { width: 300, height: 100, pixelRatio: 1 } } });
    const first = doc.signers[0]!;
    await ok('documents.sign', { id: doc.id, memberId: first.memberId, credentials: creds.AERC800101AB9, password: PW, handwritten: { signatureId: sig.id, pin: '202323' } });
    const pdf = join(app.dir, 'acta-tinta.pdf');
    await writeFile(pdf, Buffer.from((await ok<{ base64: string }>('documents.pdf', { id: doc.id })).base64, 'base64'));
    const hoja = String(first.page + 1);
    const text = execFileSync('pdftotext', ['-f', hoja, '-l', hoja, pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Firmado electrónicamente por CAROL BERENICE ARELLANO RANGEL/);
    expect(text).toMatch(/RFC AERC800101AB9/);
    // The widget prints: /F 4 (Print) with an appearance stream, in Carol's box on the hoja de firmas.
    const raw = (await readFile(pdf)).toString('latin1');
    const widget = /<<\/Type \/Annot \/Subtype \/Widget \/FT \/Sig [^]*?\/F (\d+)[^]*?\/Rect \[([^\]]+)\] \/AP/.exec(raw);
    expect(widget, 'signature widget').not.toBeNull();
    expect(Number(widget![1]) & 4).toBe(4);
    expect(widget![2]!.split(' ').map(Number)).toEqual(first.rect);
    // Ink in the upper part of the box (above the certificate lines), blank in the next box.
    execFileSync('pdftoppm', ['-f', hoja, '-l', hoja, '-r', '72', '-gray', '-singlefile', pdf, join(app.dir, 'hoja')]);
    const img = readPgm(join(app.dir, 'hoja.pgm'));
    const dark = ([x1, , x2, y2]: number[], from: number, to: number) => {
      let n = 0;
      for (let y = Math.round(img.height - y2!) + from; y < Math.round(img.height - y2!) + to; y++)
        for (let x = Math.round(x1!) + 4; x < Math.round(x2!) - 4; x++) if (img.pixels[y * img.width + x]! < 128) n++;
      return n;
    };
    expect(dark(first.rect, 6, 70)).toBeGreaterThan(40);
    expect(dark(doc.signers[1]!.rect, 6, 70)).toBe(0);
  });

  it('refuses a wrong password or a mismatched key, and changes nothing', async () => {
    const doc = await ok<DocumentSummary>('documents.lock', { id: (await acta()).id });
    const first = doc.signers[0]!;
    const wrong = await dispatch(handlers, 'documents.sign', { id: doc.id, memberId: first.memberId, credentials: creds.AERC800101AB9, password: 'otra cosa' });
    expect(!wrong.ok && wrong.error.message).toMatch(/contraseña/i);
    const sat = creds.AERC800101AB9 as { cer: string; key: string };
    const other = creds.BEPL800101AB5 as { cer: string; key: string };
    const mismatch = await dispatch(handlers, 'documents.sign', { id: doc.id, memberId: first.memberId, credentials: { kind: 'sat', cer: sat.cer, key: other.key }, password: PW });
    expect(!mismatch.ok && mismatch.error.message).toMatch(/no corresponde|no coinciden/i);
    const notPdf = await dispatch(handlers, 'documents.sign', { id: doc.id, memberId: first.memberId, credentials: { kind: 'sat', cer: 'bm8gZXMgdW4gY2VydGlmaWNhZG8=', key: sat.key }, password: PW });
    expect(notPdf.ok).toBe(false);
    const now = await ok<DocumentSummary>('documents.get', { id: doc.id });
    expect(now.signers.every((s) => s.status === 'pendiente')).toBe(true);
    expect(now.bytes).toBe(doc.bytes);
  });

  it('imports a certificate, shows its data, keeps the key only sealed, and signs with it after asking the password', async () => {
    const bad = await dispatch(handlers, 'certificates.import', { credentials: creds.AERC800101AB9, password: 'mala', keepKey: true });
    expect(!bad.ok && bad.error.message).toMatch(/contraseña/i);
    expect(store.count('certificates')).toBe(0);
    const view = await ok<{ id: string; info: { rfc: string; subjectName: string; certificateNumber: string }; keyKept: boolean; validity: string }>(
      'certificates.import',
      { credentials: creds.AERC800101AB9, password: PW, keepKey: true },
    );
    expect(view).toMatchObject({ keyKept: true, validity: 'valid', info: { rfc: 'AERC800101AB9', subjectName: 'CAROL BERENICE ARELLANO RANGEL' } });
    expect(view.info.certificateNumber).toMatch(/^\d{20}$/);
    const dup = await dispatch(handlers, 'certificates.import', { credentials: creds.AERC800101AB9, password: PW, keepKey: false });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The password is stored nowhere.
    const grep = spawnSync('grep', ['-rl', '--binary-files=text', PW, app.dir], { encoding: 'utf8' });
    expect(grep.stdout).toBe('');

    const doc = await acta();
    await ok('documents.lock', { id: doc.id });
    const wrong = await dispatch(handlers, 'documents.sign', { id: doc.id, memberId: doc.signers[0]!.memberId, credentials: { kind: 'stored', certificateId: view.id }, password: 'mala' });
    expect(!wrong.ok && wrong.error.message).toMatch(/contraseña/i);
    const signed = await ok<DocumentSummary>('documents.sign', { id: doc.id, memberId: doc.signers[0]!.memberId, credentials: { kind: 'stored', certificateId: view.id }, password: PW });
    expect(signed.signers[0]).toMatchObject({ status: 'firmado', rfc: 'AERC800101AB9' });

    const p12 = await ok<{ id: string; keyKept: boolean }>('certificates.import', { credentials: creds.GUCA800101AB0, password: PW, keepKey: false });
    expect(p12.keyKept).toBe(false);
    const noKey = await dispatch(handlers, 'documents.sign', { id: doc.id, memberId: doc.signers[1]!.memberId, credentials: { kind: 'stored', certificateId: p12.id }, password: PW });
    expect(!noKey.ok && noKey.error.message).toBe('La clave privada de ese certificado no se guardó; elija sus archivos de nuevo.');
  });

  it('seals the acta when it is locked, so a printed copy can be checked against the signed file', async () => {
    const draft = await acta();
    expect(draft.sealPayload).toBeUndefined();
    const locked = await ok<DocumentSummary>('documents.lock', { id: draft.id });
    expect(locked.sealPayload).toMatch(new RegExp(`^SESIONA\\|1\\|${draft.id}\\|${draft.bytes}\\|[0-9a-f]{64}$`));
    const [a, b] = locked.signers;
    await ok('documents.sign', { id: draft.id, memberId: a!.memberId, credentials: creds.AERC800101AB9, password: PW });
    await ok('documents.sign', { id: draft.id, memberId: b!.memberId, credentials: creds.GUCA800101AB0, password: PW });
    const pdf = join(app.dir, 'sellada.pdf');
    await writeFile(pdf, Buffer.from((await ok<{ base64: string }>('documents.pdf', { id: draft.id })).base64, 'base64'));
    const last = execFileSync('pdftotext', ['-f', '3', '-l', '3', pdf, '-'], { encoding: 'utf8' });
    expect(last).toMatch(/CADENA ORIGINAL/);
    expect(last).toContain(draft.id);
    const check = await ok<{ matches: boolean; signatures: number; selloValid: boolean }>('documents.verifyPrint', { id: draft.id, payload: locked.sealPayload });
    expect(check).toMatchObject({ matches: true, signatures: 2, selloValid: true });
    const forged = locked.sealPayload!.replace(/[0-9a-f]{64}$/, 'a'.repeat(64));
    const bad = await ok<{ matches: boolean; reasons: string[] }>('documents.verifyPrint', { id: draft.id, payload: forged });
    expect(bad.matches).toBe(false);
    expect(bad.reasons).toContain('El código QR no corresponde a este documento.');
    const settings = await ok<{ sealCertificateNumber: string | null }>('settings.get', {});
    expect(settings.sealCertificateNumber).toMatch(/^\d{20}$/);
  });

  it('timestamps each signature when a TSA is configured, and adds a document timestamp later for offline signatures', async () => {
    const tsaDir = await tempDir('sesiona-tsa-');
    const tsa = await startLocalTsa(testPki(), tsaDir.path);
    try {
      const bad = await dispatch(handlers, 'settings.setTsa', { tsaUrl: 'ftp://tsa.example' });
      expect(!bad.ok && bad.error.message).toMatch(/http:\/\/ o https:\/\//);
      await ok('settings.setTsa', { tsaUrl: tsa.url });
      const doc = await ok<DocumentSummary>('documents.lock', { id: (await acta()).id });
      const [a, b] = doc.signers;
      const first = await ok<DocumentSummary>('documents.sign', { id: doc.id, memberId: a!.memberId, credentials: creds.AERC800101AB9, password: PW });
      expect(first.signers[0]!.timestamped).toBe(true);
      expect(tsa.requests).toHaveLength(1);

      // The TSA goes away: the next signature is made without a timestamp, not refused.
      await ok('settings.setTsa', { tsaUrl: 'http://127.0.0.1:9/' });
      const second = await ok<DocumentSummary>('documents.sign', { id: doc.id, memberId: b!.memberId, credentials: creds.GUCA800101AB0, password: PW });
      expect(second.signers[1]!.timestamped).toBe(false);
      const offline = await dispatch(handlers, 'documents.addTimestamp', { id: doc.id });
      expect(!offline.ok && offline.error.message).toMatch(/No se pudo contactar al servicio de sellado de tiempo/);

      await ok('settings.setTsa', { tsaUrl: tsa.url });
      const stamped = await ok<DocumentSummary>('documents.addTimestamp', { id: doc.id });
      expect(stamped.documentTimestamps).toHaveLength(1);
      const untrustedTsa = await ok<VerificationReport>('documents.verify', { id: doc.id });
      expect(untrustedTsa).toMatchObject({ allValid: false, allIntact: true });
      // The signers' CA trusted, the TSA's not yet: the timestamped signature is only intact.
      await ok('trust.add', { certificate: caCer.toString('base64') });
      const signersTrusted = await ok<VerificationReport>('documents.verify', { id: doc.id });
      expect(signersTrusted.signatures.map((s) => s.verdict)).toEqual(['untrusted', 'valid']);
      expect(signersTrusted.signatures[0]!.problems).toContain('El certificado de la autoridad de sellado de tiempo no proviene de una autoridad de confianza.');
      await ok('trust.add', { certificate: testPki().ca.certificate.toString('base64') });
      const report = await ok<VerificationReport>('documents.verify', { id: doc.id });
      expect(report.allValid).toBe(true);
      expect(report.signatures[0]!.timestamp).not.toBeNull();
      expect(report.signatures[1]!.timestamp).toBeNull();
      const printed = await ok<{ matches: boolean }>('documents.verifyPrint', { id: doc.id, payload: doc.sealPayload });
      expect(printed.matches).toBe(true);
    } finally {
      await tsa.close();
      await tsaDir.cleanup();
    }
  });
});
