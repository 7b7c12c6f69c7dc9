/**
 * Does a printed copy (through the QR payload on its last page) match a signed PDF?
 *
 * Checks, in order: the payload parses; the first `byteLength` bytes of the file hash to the
 * payload's SHA-256; the file holds a Sesiona seal, added by the update right after those bytes,
 * whose cadena names the same document, length and hash and whose sello verifies with the
 * embedded seal certificate; nothing but signatures was added after the seal; the file has at
 * least one PAdES signature and every one is intact, with no other change after it (and, given
 * trusted roots, chains to one of them).
 */
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors.js';
import { lastStartXref, PdfReader, withPdfErrors, classifyRevision, decodeText, PdfStream, PdfString, type PdfDict, chainsToRoot, verifyPdf } from '../pdfsign/index.js';
import { parseCadena, parsePayload, type CadenaFields } from './cadena.js';
import { SEAL_KEY, sealCertificateInfo, type SealCertificateInfo } from './seal.js';

export type PrintCheckFailure =
  | 'qr-mismatch'
  | 'modified-after-seal'
  | 'no-seal'
  | 'seal-misplaced'
  | 'cadena-mismatch'
  | 'sello-invalid'
  | 'seal-untrusted'
  | 'changed-after-seal'
  | 'unsigned'
  | 'signature-invalid'
  | 'modified-after-signing'
  | 'signature-untrusted';

/** Spanish reason for each failure, fit for the screen. */
export const PRINT_CHECK_REASONS: Record<PrintCheckFailure, string> = {
  'qr-mismatch': 'El código QR no corresponde a este documento.',
  'modified-after-seal': 'El documento fue modificado después de sellarse.',
  'no-seal': 'El archivo no contiene la cadena original ni el sello de Sesiona.',
  'seal-misplaced': 'El sello no se agregó inmediatamente después de la versión bloqueada del documento.',
  'cadena-mismatch': 'La cadena original del archivo no corresponde al código QR.',
  'sello-invalid': 'El sello digital no es válido para la cadena original.',
  'seal-untrusted': 'El certificado de sello no proviene de una autoridad de confianza.',
  'changed-after-seal': 'El documento tiene cambios posteriores al sellado que no son firmas.',
  unsigned: 'El documento no tiene firmas electrónicas.',
  'signature-invalid': 'Una firma no es válida.',
  'modified-after-signing': 'El documento fue modificado después de firmarse.',
  'signature-untrusted': 'Una firma no proviene de una autoridad de confianza.',
};

export interface PrintCheckResult {
  matches: boolean;
  documentId: string;
  /** Spanish, one per failed check, in the order checked. */
  reasons: string[];
  /** The same failures as codes (for the CLI and for tests). */
  failures: PrintCheckFailure[];
  signatures: number;
  selloValid: boolean;
  /** The cadena found in the file, or null when there is no readable seal. */
  cadena: string | null;
  sealCertificate: SealCertificateInfo | null;
  /** null without trusted roots. */
  sealTrusted: boolean | null;
}

interface FoundSeal {
  revision: number;
  cadena: string;
  sello: string;
  payload: string | null;
  certificate: Buffer | null;
}

function readSeal(reader: PdfReader, revision: number): FoundSeal | null {
  const seal: PdfDict | undefined = reader.dict(reader.catalog().dict.get(SEAL_KEY));
  if (!seal) return null;
  const cadena = reader.resolve(seal.get('Cadena'));
  const sello = decodeText(reader.resolve(seal.get('Sello')));
  const cert = reader.resolve(seal.get('Certificate'));
  return {
    revision,
    cadena: cadena instanceof PdfString ? cadena.bytes.toString('utf8') : '',
    sello: sello ?? '',
    payload: decodeText(reader.resolve(seal.get('Payload'))),
    certificate: cert instanceof PdfStream && !cert.dict.has('Filter') ? Buffer.from(cert.raw) : null,
  };
}

/** The oldest revision whose catalog carries the seal (the update that added it). */
function findSeal(reader: PdfReader): FoundSeal | null {
  for (let i = reader.sections.length - 1; i >= 0; i--) {
    const seal = readSeal(reader.at(i), i);
    if (seal) return seal;
  }
  return null;
}

function selloVerifies(seal: FoundSeal): boolean {
  if (!seal.certificate || !/^[A-Za-z0-9+/]+={0,2}$/.test(seal.sello)) return false;
  try {
    const cert = new X509Certificate(seal.certificate);
    return verifySignature('sha256', Buffer.from(seal.cadena, 'utf8'), cert.publicKey, Buffer.from(seal.sello, 'base64'));
  } catch {
    return false;
  }
}

function sameTarget(fields: CadenaFields | null, p: { documentId: string; byteLength: number; sha256: string }): boolean {
  return fields !== null && fields.documentId === p.documentId && fields.byteLength === p.byteLength && fields.sha256 === p.sha256;
}

/**
 * Throws AppError (Spanish) when `payload` is not a Sesiona QR payload or `signedPdf` is not a
 * readable PDF; otherwise reports every failed check.
 */
export function verifyPrint(payload: string, signedPdf: Buffer, trustedRoots?: Buffer[]): PrintCheckResult {
  const target = parsePayload(payload);
  if (!Buffer.isBuffer(signedPdf)) throw new AppError('INVALID_ARGUMENT', 'Falta el archivo PDF firmado.');
  const reader = PdfReader.open(signedPdf);
  const report = verifyPdf(signedPdf, trustedRoots);
  const failures: PrintCheckFailure[] = [];
  const fail = (f: PrintCheckFailure): void => {
    if (!failures.includes(f)) failures.push(f);
  };

  const seal = withPdfErrors(() => findSeal(reader));
  const fields = seal ? parseCadena(seal.cadena) : null;
  const sealNamesTarget = sameTarget(fields, target) && (seal?.payload === null || seal?.payload === `SESIONA|1|${target.documentId}|${target.byteLength}|${target.sha256}`);

  // 1. The locked body: the file's first bytes must hash to the payload's SHA-256.
  const prefixMatches =
    target.byteLength <= signedPdf.length && createHash('sha256').update(signedPdf.subarray(0, target.byteLength)).digest('hex') === target.sha256;
  if (!prefixMatches) fail(sealNamesTarget ? 'modified-after-seal' : 'qr-mismatch');

  // 2. The seal: present, naming the same document, added right after the body, sello valid.
  let selloValid = false;
  let sealCertificate: SealCertificateInfo | null = null;
  let sealTrusted: boolean | null = null;
  if (!seal) {
    fail('no-seal');
  } else {
    if (!sealNamesTarget && prefixMatches) fail('cadena-mismatch');
    else if (!sealNamesTarget) fail('qr-mismatch');
    selloValid = selloVerifies(seal);
    if (!selloValid) fail('sello-invalid');
    if (seal.certificate) {
      try {
        sealCertificate = sealCertificateInfo(seal.certificate);
        if (trustedRoots) {
          sealTrusted = chainsToRoot(
            new X509Certificate(seal.certificate),
            [],
            trustedRoots.map((der) => new X509Certificate(der)),
          );
          if (!sealTrusted) fail('seal-untrusted');
        }
      } catch {
        sealCertificate = null;
      }
    }
    if (prefixMatches) {
      // The seal's update must be the one whose /Prev is the body's own last xref section.
      const previous = reader.sections[seal.revision + 1];
      let bodyXref = -1;
      try {
        bodyXref = lastStartXref(signedPdf, target.byteLength);
      } catch {
        bodyXref = -1;
      }
      if (!previous || previous.offset !== bodyXref || reader.sections[seal.revision]!.offset < target.byteLength) fail('seal-misplaced');
    }
    // 3. After the seal, only signatures.
    for (let i = seal.revision - 1; i >= 0; i--) {
      if (withPdfErrors(() => classifyRevision(reader, i)) === 'other') fail('changed-after-seal');
    }
  }

  // 4. The PAdES signatures.
  if (report.signatures.length === 0) fail('unsigned');
  // The same verdicts as `sesiona verify` and the panel; trust is judged only given roots.
  for (const s of [...report.signatures, ...(report.documentTimestamps ?? [])]) {
    if (s.verdict === 'invalid') fail('signature-invalid');
    if (s.verdict === 'modified') fail('modified-after-signing');
    if (trustedRoots && s.verdict === 'untrusted') fail('signature-untrusted');
  }

  return {
    matches: failures.length === 0,
    documentId: target.documentId,
    reasons: failures.map((f) => PRINT_CHECK_REASONS[f]),
    failures,
    signatures: report.signatures.length,
    selloValid,
    cadena: seal?.cadena ?? null,
    sealCertificate,
    sealTrusted,
  };
}
