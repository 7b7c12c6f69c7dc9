/**
 * Seals a locked document before anyone signs it: appends, as an incremental update to the
 * locked body B (B stays an exact byte prefix of every later version), a last page
 * "CADENA ORIGINAL Y SELLO" with the cadena original, its sello, the seal certificate and a QR
 * code, plus the machine-readable seal in the catalog:
 *
 *   /SesionaSeal << /Type /SesionaSeal /V 1
 *                   /Cadena <UTF-8 bytes of the cadena, hex>
 *                   /Sello (base64 RSA-SHA256 of the cadena)
 *                   /Payload (the QR payload)
 *                   /Certificate n 0 R >>      % stream holding the seal certificate, DER
 *
 * PAdES signatures added afterwards (pdfsign/incremental.ts) cover the page and the seal.
 * Formats: cadena.ts and docs/printed-copy.md.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors.js';
import { PdfReader, withPdfErrors, PdfName, PdfString, type PdfDict, type PdfValue, verifyPdf } from '../pdfsign/index.js';
import { appendPage, lastPageBox } from './append-page.js';
import { buildCadena, buildPayload, cadenaValue, checkMeta, type SealMeta } from './cadena.js';
import { SEAL_PAGE_FONTS, sealPageContent } from './seal-page.js';

export type { SealMeta } from './cadena.js';

/** The institutional seal: a certificate and RSA-SHA256 with its key (createSigner's shape). */
export interface SealSigner {
  certificate: Buffer;
  sign(data: Buffer): Buffer;
}

export interface SealResult {
  pdf: Buffer;
  cadena: string;
  sello: string;
  payload: string;
}

export const SEAL_KEY = 'SesionaSeal';

export interface SealCertificateInfo {
  /** SAT-style certificate number (serial's ASCII digits) or the serial in hex. */
  number: string;
  subject: string;
  fingerprint256: string;
}

/** Certificate number as the SAT prints it (its serial is ASCII digits), else the hex serial. */
export function sealCertificateInfo(der: Buffer): SealCertificateInfo {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'El certificado de sello no es un certificado X.509 válido.');
  }
  const hex = cert.serialNumber.length % 2 ? `0${cert.serialNumber}` : cert.serialNumber;
  const ascii = Buffer.from(hex, 'hex').toString('latin1');
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  return {
    number: /^\d{8,}$/.test(ascii) ? ascii : hex.toUpperCase(),
    subject: cn ?? cert.subject.replace(/\n/g, ', '),
    fingerprint256: cert.fingerprint256,
  };
}

export function sealPdf(body: Buffer, meta: SealMeta, sealSigner: SealSigner): SealResult {
  checkMeta(meta);
  if (!sealSigner || !Buffer.isBuffer(sealSigner.certificate) || typeof sealSigner.sign !== 'function') {
    throw new AppError('INVALID_ARGUMENT', 'Falta el certificado de sello institucional.');
  }
  const reader = PdfReader.open(body);
  const { box, pageCount } = withPdfErrors(() => {
    if (reader.catalog().dict.has(SEAL_KEY)) throw new AppError('CONFLICT', 'El documento ya tiene cadena original y sello.');
    return { box: lastPageBox(reader), pageCount: reader.pages().length };
  });
  if (verifyPdf(body).isSignedPdf) {
    throw new AppError('CONFLICT', 'El documento ya tiene firmas electrónicas; el sello debe agregarse antes de la primera firma.');
  }
  const certificate = sealCertificateInfo(sealSigner.certificate);

  const sha256 = createHash('sha256').update(body).digest('hex');
  const cadena = buildCadena(meta, body.length, sha256);
  const sello = sealSigner.sign(Buffer.from(cadena, 'utf8')).toString('base64');
  const payload = buildPayload(meta.documentId, body.length, sha256);

  const content = sealPageContent(
    {
      title: cadenaValue(meta.title),
      documentId: cadenaValue(meta.documentId),
      kind: cadenaValue(meta.kind),
      sessionKey: cadenaValue(meta.sessionKey ?? ''),
      lockedAt: meta.lockedAt,
      byteLength: body.length,
      sha256,
      signers: meta.signers.map(cadenaValue),
      cadena,
      sello,
      payload,
      certificate,
      pageNumber: pageCount + 1,
    },
    box,
  );
  const pdf = appendPage(body, {
    mediaBox: box,
    content,
    fonts: SEAL_PAGE_FONTS,
    streams: [{ data: sealSigner.certificate }],
    catalogEntries: ([certRef]) =>
      new Map<string, PdfValue>([
        [
          SEAL_KEY,
          new Map<string, PdfValue>([
            ['Type', new PdfName(SEAL_KEY)],
            ['V', 1],
            ['Cadena', new PdfString(Buffer.from(cadena, 'utf8'), true)],
            ['Sello', new PdfString(Buffer.from(sello, 'latin1'))],
            ['Payload', new PdfString(Buffer.from(payload, 'latin1'))],
            ['Certificate', certRef as PdfValue],
          ]) as PdfDict,
        ],
      ]),
  });
  return { pdf, cadena, sello, payload };
}
