import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors.js';
import { addDocumentTimestamp, signPdf, signPdfAsync } from '../../src-main/services/pdfsign/incremental.js';
import { verifyPdf } from '../../src-main/services/pdfsign/verify.js';
import {
  requestTimestamp,
  TsaRejected,
  TsaUnavailable,
  tsaDocumentTimestamper,
  tsaTimestamper,
} from '../../src-main/services/timestamp/tsa-client.js';
import { testPki, type TestPki } from '../support/pdfsign-certs.js';
import { opensslCmsPrint, pdfsigVerdicts, qpdfCheck, rawSignatures, tool } from '../support/pdfsign-tools.js';
import { tempDir } from '../support/temp.js';
import { startLocalTsa, type LocalTsa } from '../support/tsa-server.js';

const VALID = 'Signature is Valid.';

let pki: TestPki;
let dir: { path: string; cleanup: () => Promise<void> };
let tsa: LocalTsa;
let counter = 0;

beforeAll(async () => {
  pki = testPki();
  dir = await tempDir('sesiona-tsa-');
  tsa = await startLocalTsa(pki, dir.path);
  writeFileSync(join(dir.path, 'ca-only.pem'), pki.ca.certificatePem);
});

afterAll(async () => {
  await tsa.close();
  await dir.cleanup();
});

async function actaPdf(useObjectStreams = false): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('ACTA DE LA TERCERA SESIÓN ORDINARIA', { x: 50, y: 720, size: 12, font });
  return Buffer.from(await doc.save({ useObjectStreams }));
}

function save(data: Buffer, name: string): string {
  const path = join(dir.path, `${name}-${++counter}`);
  writeFileSync(path, data);
  return path;
}

/** A port nothing listens on: bind, note the port, close. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function expectRejection<T>(promise: Promise<T>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('requestTimestamp against a local TSA', () => {
  it('sends a v1 SHA-256 request with nonce and certReq and returns a token openssl verifies', async () => {
    tsa.mode = 'grant';
    const data = Buffer.from('valor de la firma');
    const token = await requestTimestamp(tsa.url, data, { timeoutMs: 5000 });
    expect(token[0]).toBe(0x30);

    const query = tool('openssl', ['ts', '-query', '-in', save(tsa.requests.at(-1) as Buffer, 'req.tsq'), '-text']);
    expect(query.status).toBe(0);
    expect(query.stdout).toMatch(/Version: 1/);
    expect(query.stdout).toMatch(/Hash Algorithm: sha256/);
    expect(query.stdout).toMatch(/Nonce: 0x[0-9A-F]+/i);
    expect(query.stdout).toMatch(/Certificate required: yes/);

    const verified = tool('openssl', [
      'ts', '-verify', '-token_in', '-in', save(token, 'token.der'), '-data', save(data, 'data.bin'),
      '-CAfile', join(dir.path, 'ca-only.pem'), '-untrusted', join(dir.path, 'tsa.crt'),
    ]);
    expect(verified.stdout + verified.stderr).toMatch(/Verification: OK/);
  });

  it('gives a Spanish AppError when the TSA rejects the request', async () => {
    tsa.mode = 'reject';
    const err = await expectRejection(requestTimestamp(tsa.url, Buffer.from('x'), { timeoutMs: 5000 }));
    tsa.mode = 'grant';
    expect(err).toBeInstanceOf(TsaRejected);
    expect(err).toBeInstanceOf(AppError);
    expect((err as TsaRejected).status).toBe(2);
    expect((err as Error).message).toMatch(/^El servicio de sellado de tiempo rechazó la solicitud: solicitud rechazada; algoritmo de resumen no reconocido/);
  });

  it('refuses a replayed token (nonce and imprint do not match the request)', async () => {
    tsa.mode = 'replay';
    await requestTimestamp(tsa.url, Buffer.from('primera'), { timeoutMs: 5000 }).catch(() => undefined);
    const err = await expectRejection(requestTimestamp(tsa.url, Buffer.from('segunda'), { timeoutMs: 5000 }));
    tsa.mode = 'grant';
    expect(err).toBeInstanceOf(AppError);
    expect((err as Error).message).toMatch(/La respuesta del servicio de sellado de tiempo no es válida: el sello no corresponde/);
  });

  it('reports TsaUnavailable quickly when nothing listens, the TSA hangs, or it fails with HTTP 500', async () => {
    const started = Date.now();
    const refused = await expectRejection(requestTimestamp(`http://127.0.0.1:${await deadPort()}/tsa`, Buffer.from('x'), { timeoutMs: 1000 }));
    expect(refused).toBeInstanceOf(TsaUnavailable);
    expect(refused).not.toBeInstanceOf(AppError);
    expect((refused as Error).message).toMatch(/^No se pudo contactar al servicio de sellado de tiempo \(127\.0\.0\.1:\d+\): no hay conexión/);
    expect(Date.now() - started).toBeLessThan(1500);

    const sockets = new Set<import('node:net').Socket>();
    const hanging: Server = createServer(() => undefined);
    hanging.on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const t0 = Date.now();
      const timedOut = await expectRejection(
        requestTimestamp(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`, Buffer.from('x'), { timeoutMs: 300 }),
      );
      expect(timedOut).toBeInstanceOf(TsaUnavailable);
      expect((timedOut as Error).message).toMatch(/no respondió en 0\.3 s/);
      expect(Date.now() - t0).toBeLessThan(1500);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }

    tsa.mode = 'http500';
    const failed = await expectRejection(requestTimestamp(tsa.url, Buffer.from('x'), { timeoutMs: 1000 }));
    tsa.mode = 'grant';
    expect(failed).toBeInstanceOf(TsaUnavailable);
    expect((failed as Error).message).toMatch(/código HTTP 500/);
  });

  it('accepts only http and https addresses', async () => {
    let called = false;
    const fetchImpl = (() => {
      called = true;
      throw new Error('no debe llamarse');
    }) as unknown as typeof fetch;
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/tsa', 'no es una dirección']) {
      const err = await expectRejection(requestTimestamp(url, Buffer.from('x'), { fetchImpl }));
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INVALID_ARGUMENT');
    }
    expect(called).toBe(false);
  });
});

describe('signPdfAsync with a network timestamp (PAdES B-T)', () => {
  it('embeds a token that verifyPdf, pdfsig and openssl see', async () => {
    tsa.mode = 'grant';
    const before = Date.now();
    const signed = await signPdfAsync(await actaPdf(), pki.signers[1], {
      reason: 'Aprobación del acta',
      timestamp: tsaTimestamper(tsa.url, { timeoutMs: 5000 }),
    });
    const report = verifyPdf(signed, [pki.ca.certificate]);
    expect(report.documentTimestamps).toBeUndefined();
    const [sig] = report.signatures;
    expect(sig?.integrity).toBe(true);
    expect(sig?.problems).toEqual([]);
    expect(sig?.timestamp).toMatchObject({ imprintMatches: true, signatureValid: true, tsaName: 'SELLO DE TIEMPO DE PRUEBAS' });
    const time = Date.parse(sig?.timestamp?.time ?? '');
    expect(time).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 2000);
    expect(time).toBeLessThanOrEqual(Date.now() + 2000);

    const path = save(signed, 'bt.pdf');
    expect(pdfsigVerdicts(path)).toEqual([VALID]);
    expect(qpdfCheck(path).status).toBe(0);
    const [raw] = rawSignatures(signed);
    const printed = opensslCmsPrint(save((raw as { cms: Buffer }).cms, 'bt.p7s'));
    expect(printed.stdout).toMatch(/id-smime-aa-timeStampToken/);
  });

  it('falls back to signing without a timestamp when the TSA is down', async () => {
    const pdf = await actaPdf(true);
    const url = `http://127.0.0.1:${await deadPort()}/tsa`;
    const sign = async (): Promise<Buffer> => {
      try {
        return await signPdfAsync(pdf, pki.signers[0], { timestamp: tsaTimestamper(url, { timeoutMs: 500 }) });
      } catch (err) {
        if (!(err instanceof TsaUnavailable)) throw err;
        return signPdfAsync(pdf, pki.signers[0]);
      }
    };
    const signed = await sign();
    const [sig] = verifyPdf(signed, [pki.ca.certificate]).signatures;
    expect(sig?.integrity).toBe(true);
    expect(sig?.timestamp).toBeNull();
    expect(pdfsigVerdicts(save(signed, 'fallback.pdf'))).toEqual([VALID]);
    // The synchronous signer is unchanged.
    expect(verifyPdf(signPdf(pdf, pki.signers[0])).signatures[0]?.integrity).toBe(true);
  });
});

describe('addDocumentTimestamp', () => {
  for (const useObjectStreams of [false, true]) {
    it(`stamps a document signed offline without breaking its signatures (${useObjectStreams ? 'xref streams' : 'xref tables'})`, async () => {
      tsa.mode = 'grant';
      const once = signPdf(await actaPdf(useObjectStreams), pki.signers[0], { reason: 'Aprobación del acta' });
      const twice = signPdf(once, pki.signers[1], { reason: 'Aprobación del acta' });
      const stamped = await addDocumentTimestamp(twice, tsaDocumentTimestamper(tsa.url, { timeoutMs: 5000 }));
      expect(stamped.subarray(0, twice.length).equals(twice)).toBe(true);

      const report = verifyPdf(stamped, [pki.ca.certificate]);
      expect(report.signatures).toHaveLength(2);
      for (const sig of report.signatures) {
        expect(sig.integrity).toBe(true);
        expect(sig.laterChanges).toBe('signatures-only');
        expect(sig.modifiedAfter).toBe(false);
        expect(sig.problems).toEqual([]);
      }
      expect(report.documentTimestamps).toHaveLength(1);
      const dts = report.documentTimestamps?.[0];
      expect(dts).toMatchObject({
        fieldName: 'SelloDeTiempo1',
        subFilter: 'ETSI.RFC3161',
        integrity: true,
        coversWholeFile: true,
        laterChanges: 'none',
        chainTrusted: true,
        tsaName: 'SELLO DE TIEMPO DE PRUEBAS',
        problems: [],
      });
      expect(Math.abs(Date.parse(dts?.time ?? '') - Date.now())).toBeLessThan(60_000);

      const path = save(stamped, 'dts.pdf');
      expect(qpdfCheck(path).status).toBe(0);
      const verdicts = pdfsigVerdicts(path);
      expect(verdicts.slice(0, 2)).toEqual([VALID, VALID]);
      // pdfsig 22.12 lists the document timestamp as a third field covering the whole file,
      // signed by the TSA, but cannot verify the ETSI.RFC3161 type ("unknown", not verified).
      const third = tool('/usr/bin/pdfsig', [path]).stdout.split('Signature #3:')[1] ?? '';
      expect(third).toMatch(/Signature Field Name: SelloDeTiempo1/);
      expect(third).toMatch(/Signer Certificate Common Name: SELLO DE TIEMPO DE PRUEBAS/);
      expect(third).toMatch(/Total document signed/);

      // A later signature keeps the document timestamp intact.
      const after = signPdf(stamped, pki.signers[2]);
      const again = verifyPdf(after, [pki.ca.certificate]);
      expect(again.documentTimestamps?.[0]).toMatchObject({ integrity: true, laterChanges: 'signatures-only', modifiedAfter: false });
      expect(again.signatures.map((s) => s.integrity)).toEqual([true, true, true]);
    });
  }

  it('detects bytes changed under a document timestamp', async () => {
    const signed = signPdf(await actaPdf(), pki.signers[0]);
    const stamped = await addDocumentTimestamp(signed, tsaDocumentTimestamper(tsa.url, { timeoutMs: 5000 }));
    const [range] = rawSignatures(stamped).slice(-1);
    const tampered = Buffer.from(stamped);
    // A byte inside the document timestamp's own revision, before its /Contents.
    const at = (range as { byteRange: number[] }).byteRange[1] as number;
    const target = tampered.lastIndexOf('/Filter', at, 'latin1');
    tampered.write('/Fxlter', target, 'latin1');
    const dts = verifyPdf(tampered).documentTimestamps?.[0];
    expect(dts?.integrity).toBe(false);
    expect(dts?.problems.join(' ')).toMatch(/alterado después del sello de tiempo/);
  });

  it('propagates TsaUnavailable and leaves nothing half-written', async () => {
    const signed = signPdf(await actaPdf(), pki.signers[0]);
    const copy = Buffer.from(signed);
    const url = `http://127.0.0.1:${await deadPort()}/tsa`;
    const err = await expectRejection(addDocumentTimestamp(signed, tsaDocumentTimestamper(url, { timeoutMs: 500 })));
    expect(err).toBeInstanceOf(TsaUnavailable);
    expect(signed.equals(copy)).toBe(true);
  });
});
