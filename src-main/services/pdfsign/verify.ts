/**
 * Verification of the signatures in a PDF: integrity of each signed revision, what happened
 * to the file after each signature, the signer's certificate and, given trusted roots, whether
 * it chains to one of them. Messages in `problems` are Spanish and fit for the screen.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors.js';
import { commonName, essCertMatches, hashName, readSignedData, readTimestamp, readTimestampOver, signatureVerifies, type SignerInfoData, type TimestampInfo } from './cms-read.js';
import { readNode } from './der.js';
import { OID } from './oids.js';
import { looksLikePdf, NOT_A_PDF, PdfReader, withPdfErrors } from './reader.js';
import { walkFields } from './fields.js';
import { classifyRevision, type RevisionChange } from './revisions.js';
import { decodeText, isName, PdfName, PdfRef, type PdfDict, type PdfValue } from './syntax.js';

export interface CertificateInfo {
  /** DER, base64. */
  der: string;
  subjectCN: string | null;
  subject: string;
  serialHex: string;
  issuerCN: string | null;
  notBefore: string;
  notAfter: string;
  fingerprint256: string;
}

export interface SignatureReport {
  fieldName: string;
  /** Signer certificate's CN, or the signature dictionary's /Name when there is no certificate. */
  signerName: string | null;
  signerCertificate: CertificateInfo | null;
  /** ISO time from /M, else from the signingTime attribute. */
  signingTime: string | null;
  reason: string | null;
  location: string | null;
  contactInfo: string | null;
  subFilter: string | null;
  byteRange: number[];
  /** messageDigest equals the hash of the signed ranges and the signature verifies. */
  integrity: boolean;
  /** The signed ranges end where a revision of the file ends (and start at 0). */
  coversWholeDocumentAtThatRevision: boolean;
  /** Nothing but whitespace follows the signed ranges. */
  coversWholeFile: boolean;
  /** Incremental updates saved after this signature. */
  laterRevisions: number;
  /** 'none' when nothing follows; 'signatures-only' when later updates only add signatures. */
  laterChanges: 'none' | RevisionChange;
  /** Bytes after this signature other than updates that only add later signatures. */
  modifiedAfter: boolean;
  /** null without trusted roots. */
  chainTrusted: boolean | null;
  certificateValidAtSigningTime: boolean | null;
  /** Present and naming the signer certificate. */
  hasSigningCertificateV2: boolean;
  timestamp: TimestampInfo | null;
  problems: string[];
}

/**
 * A document timestamp (`/Type /DocTimeStamp`, `/SubFilter /ETSI.RFC3161`): an RFC 3161 token
 * over the SHA-256 of its /ByteRange, with no signer of its own.
 */
export interface DocumentTimestampReport {
  fieldName: string;
  subFilter: string | null;
  byteRange: number[];
  /** The token's genTime, ISO; null when unreadable. */
  time: string | null;
  tsaName: string | null;
  /** TSA certificate, when the token carries it. */
  tsaCertificate: CertificateInfo | null;
  /** Token imprint equals the hash of the signed ranges and the token's signature verifies. */
  integrity: boolean;
  timestamp: TimestampInfo | null;
  coversWholeDocumentAtThatRevision: boolean;
  coversWholeFile: boolean;
  laterRevisions: number;
  laterChanges: 'none' | RevisionChange;
  modifiedAfter: boolean;
  /** TSA certificate chains to the trusted roots; null without roots. */
  chainTrusted: boolean | null;
  problems: string[];
}

export interface VerifyResult {
  /** True when the file holds any signature field with a value (document timestamps included). */
  isSignedPdf: boolean;
  /** Signatures proper (document timestamps are not listed here). */
  signatures: SignatureReport[];
  /** Document timestamps, oldest first; present only when the file has at least one. */
  documentTimestamps?: DocumentTimestampReport[];
}

interface Found {
  fieldName: string;
  sig: PdfDict;
  sigRef: PdfRef | null;
}

/** Terminal signature fields with a value, in the newest revision. */
function signatureFields(reader: PdfReader): Found[] {
  const form = reader.dict(reader.catalog().dict.get('AcroForm'));
  const out: Found[] = [];
  walkFields(reader, form?.get('Fields'), (node) => {
    if (!node.terminal || !isName(node.type, 'Sig')) return;
    const value = node.dict.get('V');
    const sig = reader.dict(value);
    if (sig) out.push({ fieldName: node.name, sig, sigRef: value instanceof PdfRef ? value : null });
  });
  return out;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

function trimmedEnd(buf: Buffer, end = buf.length): number {
  let e = end;
  while (e > 0 && WHITESPACE.has(buf[e - 1] as number)) e--;
  return e;
}

/** Parses "D:YYYYMMDDHHmmSSOHH'mm'" (every part after the year optional). */
export function parsePdfDate(text: string | null): Date | null {
  if (!text) return null;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(text);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const sign = m[7] === '-' ? -1 : m[7] === '+' ? 1 : 0;
  const offsetMinutes = sign * (Number(m[8] ?? 0) * 60 + Number(m[9] ?? 0));
  const date = new Date(utc - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

function certificateInfo(cert: X509Certificate, der: Buffer): CertificateInfo {
  return {
    der: der.toString('base64'),
    subjectCN: commonName(cert.subject),
    subject: cert.subject.split('\n').join(', '),
    serialHex: cert.serialNumber.toLowerCase(),
    issuerCN: commonName(cert.issuer),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
  };
}

function parseCertificates(ders: Buffer[]): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const der of ders) {
    try {
      out.push(new X509Certificate(der));
    } catch {
      // An unreadable embedded certificate simply cannot be part of a path.
    }
  }
  return out;
}

/** Whether a path of CA-flagged, signature-checked issuers leads from `leaf` to a root. */
export function chainsToRoot(leaf: X509Certificate, pool: X509Certificate[], roots: X509Certificate[]): boolean {
  const rootPrints = new Set(roots.map((r) => r.fingerprint256));
  const issuedBy = (cert: X509Certificate, issuer: X509Certificate): boolean => {
    try {
      return issuer.ca && cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
    } catch {
      return false;
    }
  };
  const walk = (cert: X509Certificate, depth: number, used: Set<string>): boolean => {
    if (rootPrints.has(cert.fingerprint256)) return true;
    if (depth > 8) return false;
    if (roots.some((root) => issuedBy(cert, root))) return true;
    for (const candidate of pool) {
      if (used.has(candidate.fingerprint256) || candidate.fingerprint256 === cert.fingerprint256) continue;
      if (issuedBy(cert, candidate) && walk(candidate, depth + 1, new Set([...used, candidate.fingerprint256]))) return true;
    }
    return false;
  };
  return walk(leaf, 0, new Set());
}

interface RangeCheck {
  cms: Buffer | null;
  digestInput: Buffer[];
  problem: string | null;
}

function checkByteRange(buf: Buffer, range: PdfValue | undefined, reader: PdfReader, sigRef: PdfRef | null): RangeCheck & { byteRange: number[] } {
  const fail = (problem: string, byteRange: number[] = []): RangeCheck & { byteRange: number[] } => ({ cms: null, digestInput: [], problem, byteRange });
  if (!Array.isArray(range) || range.length !== 4 || !range.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
    return fail('La firma no tiene un rango de bytes (/ByteRange) válido.');
  }
  const [a, b, c, d] = range as [number, number, number, number];
  const byteRange = [a, b, c, d];
  if (a !== 0 || b >= c || c + d > buf.length) return fail('El rango de bytes firmado no corresponde a este archivo.', byteRange);
  // The gap must be exactly the hex string holding the signature, nothing else.
  if (buf[b] !== 0x3c || buf[c - 1] !== 0x3e) return fail('El rango firmado no excluye solo el contenido de la firma.', byteRange);
  const hex = buf.toString('latin1', b + 1, c - 1).replace(/[\s]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return fail('El rango firmado no excluye solo el contenido de la firma.', byteRange);
  if (sigRef) {
    const entry = reader.entry(sigRef.num);
    // The signature dictionary must be the object that holds the gap.
    if (entry?.kind === 'offset' && !(entry.offset < b && buf.indexOf('endobj', entry.offset, 'latin1') > c)) {
      return fail('El contenido de la firma no está en su propio diccionario de firma.', byteRange);
    }
  }
  const padded = Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex');
  let cms: Buffer;
  try {
    cms = padded.subarray(0, readNode(padded, 0).end);
  } catch {
    return fail('El contenido de la firma no es una estructura CMS legible.', byteRange);
  }
  return { cms, digestInput: [buf.subarray(a, b), buf.subarray(c, c + d)], problem: null, byteRange };
}

function checkIntegrity(data: SignerInfoData, digestInput: Buffer[], problems: string[]): boolean {
  const hash = hashName(data.digestAlgorithm);
  if (!hash) {
    problems.push('La firma usa un algoritmo de resumen no admitido.');
    return false;
  }
  if (!data.signedAttributes || !data.messageDigest) {
    problems.push('La firma no tiene atributos firmados; no es una firma PAdES.');
    return false;
  }
  const h = createHash(hash);
  for (const part of digestInput) h.update(part);
  if (!h.digest().equals(data.messageDigest)) {
    problems.push('El documento fue alterado después de firmarse: el resumen no coincide.');
    return false;
  }
  if (data.contentType !== null && data.contentType !== OID.data) {
    problems.push('El tipo de contenido firmado no es el esperado.');
    return false;
  }
  if (!data.signerCertificate) {
    problems.push('La firma no incluye el certificado del firmante.');
    return false;
  }
  if (!signatureVerifies(data, data.signerCertificate)) {
    problems.push('La firma no corresponde a la clave pública del certificado.');
    return false;
  }
  return true;
}

/**
 * Verifies every signature of `pdf`. Throws AppError('INVALID_ARGUMENT') when the bytes are
 * not a PDF or its structure cannot be read; an unsigned PDF gives `isSignedPdf: false`.
 */
export function verifyPdf(pdf: Buffer, trustedRoots?: Buffer[]): VerifyResult {
  if (!looksLikePdf(pdf)) throw new AppError('INVALID_ARGUMENT', NOT_A_PDF);
  let roots: X509Certificate[] | undefined;
  try {
    roots = trustedRoots?.map((der) => new X509Certificate(der));
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'Uno de los certificados raíz de confianza no es un certificado válido.');
  }
  const reader = PdfReader.open(pdf);
  return withPdfErrors(() => {
    const found = signatureFields(reader);
    if (found.length === 0) return { isSignedPdf: false, signatures: [] };

    const fileEnd = trimmedEnd(pdf);
    const lastEof = pdf.lastIndexOf('%%EOF', fileEnd, 'latin1');
    const junkAtEnd = lastEof < 0 || fileEnd > lastEof + 5;
    const sections = reader.sections;
    const changes = new Map<number, RevisionChange>();
    const changeOf = (index: number): RevisionChange => {
      let change = changes.get(index);
      if (!change) {
        change = classifyRevision(reader, index);
        changes.set(index, change);
      }
      return change;
    };

    /** Where the signed ranges end and what the file did after them. */
    const revisionFacts = (byteRange: number[]) => {
      const end = byteRange.length === 4 ? (byteRange[2] as number) + (byteRange[3] as number) : 0;
      const signedEnd = trimmedEnd(pdf, end);
      const coversWholeDocumentAtThatRevision = end > 0 && pdf.toString('latin1', signedEnd - 5, signedEnd) === '%%EOF';
      const coversWholeFile = end > 0 && signedEnd >= fileEnd;
      const later = sections.map((s, i) => ({ s, i })).filter(({ s }) => s.offset >= end);
      let laterChanges: SignatureReport['laterChanges'] = 'none';
      if (!coversWholeFile) {
        laterChanges = junkAtEnd || later.length === 0 || later.some(({ i }) => changeOf(i) === 'other') ? 'other' : 'signatures-only';
      }
      return { coversWholeDocumentAtThatRevision, coversWholeFile, laterRevisions: later.length, laterChanges, modifiedAfter: laterChanges === 'other' };
    };

    const isDocTimestamp = (sig: PdfDict): boolean => isName(sig.get('Type'), 'DocTimeStamp') || isName(sig.get('SubFilter'), 'ETSI.RFC3161');
    const documentTimestamps = found
      .filter(({ sig }) => isDocTimestamp(sig))
      .map(({ fieldName, sig, sigRef }): DocumentTimestampReport => {
        const problems: string[] = [];
        const range = checkByteRange(pdf, sig.get('ByteRange'), reader, sigRef);
        if (range.problem) problems.push(range.problem);
        let timestamp: TimestampInfo | null = null;
        let data: SignerInfoData | null = null;
        if (range.cms) {
          try {
            data = readSignedData(range.cms);
            timestamp = readTimestampOver(range.cms, range.digestInput);
          } catch {
            problems.push('El sello de tiempo del documento no es legible.');
          }
        }
        const integrity = timestamp !== null && timestamp.imprintMatches && timestamp.signatureValid;
        if (timestamp && !timestamp.imprintMatches) problems.push('El documento fue alterado después del sello de tiempo: el resumen no coincide.');
        if (timestamp && !timestamp.signatureValid) problems.push('La firma de la autoridad de sellado de tiempo no es válida.');
        const facts = revisionFacts(range.byteRange);
        if (facts.modifiedAfter) problems.push('El documento tiene cambios posteriores a este sello de tiempo que no son firmas.');
        let tsaCertificate: CertificateInfo | null = null;
        let chainTrusted: boolean | null = null;
        const certificate = data?.signerCertificate ?? null;
        if (certificate) {
          try {
            const leaf = new X509Certificate(certificate);
            tsaCertificate = certificateInfo(leaf, certificate);
            if (roots) chainTrusted = chainsToRoot(leaf, parseCertificates(data?.certificates ?? []), roots);
          } catch {
            problems.push('El certificado de la autoridad de sellado de tiempo no es legible.');
          }
        }
        if (roots && chainTrusted === null) chainTrusted = false;
        if (chainTrusted === false) problems.push('El certificado de la autoridad de sellado de tiempo no proviene de una autoridad de confianza.');
        const subFilter = sig.get('SubFilter');
        return {
          fieldName,
          subFilter: subFilter instanceof PdfName ? subFilter.name : null,
          byteRange: range.byteRange,
          time: timestamp?.time ?? null,
          tsaName: timestamp?.tsaName ?? null,
          tsaCertificate,
          integrity,
          timestamp,
          ...facts,
          chainTrusted,
          problems,
        };
      });
    documentTimestamps.sort((x, y) => (x.byteRange[2] ?? 0) + (x.byteRange[3] ?? 0) - ((y.byteRange[2] ?? 0) + (y.byteRange[3] ?? 0)));

    const signatures = found.filter(({ sig }) => !isDocTimestamp(sig)).map(({ fieldName, sig, sigRef }): SignatureReport => {
      const problems: string[] = [];
      const range = checkByteRange(pdf, sig.get('ByteRange'), reader, sigRef);
      if (range.problem) problems.push(range.problem);
      let data: SignerInfoData | null = null;
      if (range.cms) {
        try {
          data = readSignedData(range.cms);
        } catch {
          problems.push('El contenido de la firma no es una estructura CMS legible.');
        }
      }
      const integrity = data !== null && checkIntegrity(data, range.digestInput, problems);

      const { coversWholeDocumentAtThatRevision, coversWholeFile, laterRevisions, laterChanges, modifiedAfter } = revisionFacts(range.byteRange);
      if (modifiedAfter) problems.push('El documento tiene cambios posteriores a esta firma que no son otras firmas.');

      const subFilter = sig.get('SubFilter');
      const claimed = parsePdfDate(decodeText(reader.resolve(sig.get('M'))));
      const signingTime = claimed ?? data?.signingTime ?? null;
      const certificate = data?.signerCertificate ?? null;
      let info: CertificateInfo | null = null;
      let leaf: X509Certificate | null = null;
      if (certificate) {
        try {
          leaf = new X509Certificate(certificate);
          info = certificateInfo(leaf, certificate);
        } catch {
          problems.push('El certificado del firmante no es legible.');
        }
      }

      let chainTrusted: boolean | null = null;
      if (roots) chainTrusted = leaf !== null && chainsToRoot(leaf, parseCertificates(data?.certificates ?? []), roots);
      if (chainTrusted === false) problems.push('El certificado del firmante no proviene de una autoridad de confianza.');

      let certificateValidAtSigningTime: boolean | null = null;
      if (info && signingTime) {
        certificateValidAtSigningTime = signingTime >= new Date(info.notBefore) && signingTime <= new Date(info.notAfter);
        if (!certificateValidAtSigningTime) problems.push('El certificado no estaba vigente en la fecha de firma.');
      }

      const hasEss = data?.essCertIds != null;
      const hasSigningCertificateV2 = data !== null && certificate !== null && hasEss && essCertMatches(data, certificate);
      if (hasEss && !hasSigningCertificateV2) problems.push('El atributo signing-certificate-v2 no corresponde al certificado del firmante.');

      let timestamp: TimestampInfo | null = null;
      if (data?.timestampToken) {
        try {
          timestamp = readTimestamp(data.timestampToken, data.signature);
          if (!timestamp.imprintMatches || !timestamp.signatureValid) problems.push('El sello de tiempo no es válido para esta firma.');
        } catch {
          problems.push('El sello de tiempo de la firma no es legible.');
        }
      }

      return {
        fieldName,
        signerName: info?.subjectCN ?? decodeText(reader.resolve(sig.get('Name'))),
        signerCertificate: info,
        signingTime: signingTime ? signingTime.toISOString() : null,
        reason: decodeText(reader.resolve(sig.get('Reason'))),
        location: decodeText(reader.resolve(sig.get('Location'))),
        contactInfo: decodeText(reader.resolve(sig.get('ContactInfo'))),
        subFilter: subFilter instanceof PdfName ? subFilter.name : null,
        byteRange: range.byteRange,
        integrity,
        coversWholeDocumentAtThatRevision,
        coversWholeFile,
        laterRevisions,
        laterChanges,
        modifiedAfter,
        chainTrusted,
        certificateValidAtSigningTime,
        hasSigningCertificateV2,
        timestamp,
        problems,
      };
    });
    signatures.sort((x, y) => (x.byteRange[2] ?? 0) + (x.byteRange[3] ?? 0) - ((y.byteRange[2] ?? 0) + (y.byteRange[3] ?? 0)));
    return documentTimestamps.length > 0 ? { isSignedPdf: true, signatures, documentTimestamps } : { isSignedPdf: true, signatures };
  });
}

