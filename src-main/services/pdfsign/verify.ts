/**
 * Verification of the signatures in a PDF: integrity of each signed revision, what happened
 * to the file after each signature, the signer's certificate and, given trusted roots, whether
 * it chains to one of them. Messages in `problems` are Spanish and fit for the screen.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors.js';
import { commonName, essCertMatches, hashName, readSignedData, readTimestamp, readTimestampOver, signatureVerifies, type SignerInfoData, type TimestampInfo } from './cms-read.js';
import { readNode } from '../certificates/der.js';
import { OID } from './oids.js';
import { looksLikePdf, NOT_A_PDF, PdfReader, withPdfErrors, type XrefSection } from './reader.js';
import { walkFields } from './fields.js';
import { examineRevision, findingText, type RevisionChange, type RevisionFinding } from './revisions.js';
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
  /** What the later revisions changed that they may not (empty when nothing). */
  modifications: RevisionFinding[];
  /** null without trusted roots. */
  chainTrusted: boolean | null;
  /** At the timestamp's time when there is a valid one, else at the claimed signing time. */
  certificateValidAtSigningTime: boolean | null;
  /** Present and naming the signer certificate. */
  hasSigningCertificateV2: boolean;
  timestamp: TimestampInfo | null;
  /**
   * 'valid': intact, nothing but signatures after it, certificate valid then and trusted;
   * 'untrusted': all of that except the chain (or the timestamp authority's chain) does not
   * reach a trusted root, or there are no roots; 'modified': intact but changed afterwards;
   * 'invalid': anything else.
   */
  verdict: SignatureVerdict;
  problems: string[];
}

export type SignatureVerdict = 'valid' | 'untrusted' | 'modified' | 'invalid';

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
  modifications: RevisionFinding[];
  /** TSA certificate chains to the trusted roots; null without roots. */
  chainTrusted: boolean | null;
  verdict: SignatureVerdict;
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
  byteRange: number[];
  /** Index of the xref section (0 = newest) that added the signature dictionary. */
  revision: number | null;
}

/** Where each revision ends: just after the %%EOF that follows the startxref naming it. */
function revisionEnd(buf: Buffer, section: XrefSection): number | null {
  let at = section.offset;
  for (;;) {
    at = buf.indexOf('startxref', at, 'latin1');
    if (at < 0) return null;
    const m = /^startxref\s+(\d+)\s*%%EOF/.exec(buf.toString('latin1', at, at + 40));
    if (m && Number(m[1]) === section.offset) return at + m[0].length;
    at += 9;
  }
}

/**
 * The rules of a sound /ByteRange: it starts at 0, its hole is exactly the /Contents hex string
 * of this signature's own dictionary, that string holds one CMS structure and zero padding,
 * and the signed bytes end where the revision that added the signature ends.
 */
function checkByteRange(buf: Buffer, range: PdfValue | undefined, reader: PdfReader, sigRef: PdfRef | null): RangeCheck {
  let byteRange: number[] = [];
  let revision: number | null = null;
  const fail = (problem: string): RangeCheck => ({ cms: null, digestInput: [], problem, byteRange, revision });
  if (!Array.isArray(range) || range.length !== 4 || !range.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
    return fail('La firma no tiene un rango de bytes (/ByteRange) válido.');
  }
  const [a, b, c, d] = range as [number, number, number, number];
  byteRange = [a, b, c, d];
  if (a !== 0) return fail('El rango de bytes firmado no empieza al inicio del archivo.');
  if (b >= c || c + d > buf.length) return fail('El rango de bytes firmado no corresponde a este archivo.');
  // The gap must be exactly the hex string holding the signature, nothing else.
  if (buf[b] !== 0x3c || buf[c - 1] !== 0x3e) return fail('El rango firmado no excluye solo el contenido de la firma.');
  const hex = buf.toString('latin1', b + 1, c - 1).replace(/[\s]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return fail('El rango firmado no excluye solo el contenido de la firma.');
  const entry = sigRef ? reader.entry(sigRef.num) : undefined;
  if (!sigRef || entry?.kind !== 'offset') return fail('El contenido de la firma no está en su propio diccionario de firma.');
  // The signature dictionary must be the object that holds the gap, as its /Contents.
  const objectEnd = buf.indexOf('endobj', entry.offset, 'latin1');
  const contentsKey = buf.lastIndexOf('/Contents', b, 'latin1');
  if (!(entry.offset < b && objectEnd > c) || contentsKey < entry.offset || buf.toString('latin1', contentsKey + 9, b).trim() !== '') {
    return fail('El contenido de la firma no está en su propio diccionario de firma.');
  }
  // The revision that added the signature dictionary: the oldest section that lists it.
  const sections = reader.sections;
  for (let i = sections.length - 1; i >= 0; i--) {
    if ((sections[i] as XrefSection).entries.get(sigRef.num)?.kind === 'offset') {
      revision = i;
      break;
    }
  }
  const end = revision === null ? null : revisionEnd(buf, sections[revision] as XrefSection);
  if (revision === null || end === null) return fail('La firma no pertenece a ninguna revisión del documento.');
  const rangeEnd = c + d;
  if (rangeEnd < end || buf.toString('latin1', end, rangeEnd).trim() !== '') {
    return fail('El rango firmado no cubre toda la revisión de la firma: hay bytes de esa revisión sin firmar.');
  }
  const padded = Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex');
  let cms: Buffer;
  try {
    cms = padded.subarray(0, readNode(padded, 0).end);
  } catch {
    return fail('El contenido de la firma no es una estructura CMS legible.');
  }
  if (padded.subarray(cms.length).some((byte) => byte !== 0)) return fail('El contenido de la firma tiene datos además de la estructura CMS.');
  return { cms, digestInput: [buf.subarray(a, b), buf.subarray(c, rangeEnd)], problem: null, byteRange, revision };
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

const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

// The same trust store is passed for every document of a batch; parse each root once.
const rootCache = new WeakMap<Buffer, X509Certificate>();
function parsedRoot(der: Buffer): X509Certificate {
  let cert = rootCache.get(der);
  if (!cert) {
    cert = new X509Certificate(der);
    rootCache.set(der, cert);
  }
  return cert;
}

/** The timestamp authority's certificate: its key usage and, given roots, its chain. */
function checkTimestampAuthority(token: Buffer, roots: X509Certificate[] | undefined): { leaf: X509Certificate | null; der: Buffer | null; usage: boolean; trusted: boolean | null } {
  let data: SignerInfoData;
  try {
    data = readSignedData(token);
  } catch {
    return { leaf: null, der: null, usage: false, trusted: roots ? false : null };
  }
  const der = data.signerCertificate;
  let leaf: X509Certificate | null = null;
  try {
    leaf = der ? new X509Certificate(der) : null;
  } catch {
    leaf = null;
  }
  // RFC 3161 §2.3: the TSA certificate has exactly one extended key usage, timeStamping.
  const usage = leaf !== null && Array.isArray(leaf.keyUsage) && leaf.keyUsage.length === 1 && leaf.keyUsage[0] === TIME_STAMPING;
  const trusted = roots ? leaf !== null && chainsToRoot(leaf, parseCertificates(data.certificates), roots) : null;
  return { leaf, der, usage, trusted };
}

function within(time: Date, info: CertificateInfo): boolean {
  return time >= new Date(info.notBefore) && time <= new Date(info.notAfter);
}

/**
 * Verifies every signature of `pdf`. Throws AppError('INVALID_ARGUMENT') when the bytes are
 * not a PDF, its structure cannot be read or it exceeds the parse limits; an unsigned PDF
 * gives `isSignedPdf: false`. Without `trustedRoots` no signature can be better than
 * 'untrusted'.
 */
export function verifyPdf(pdf: Buffer, trustedRoots?: Buffer[]): VerifyResult {
  if (!looksLikePdf(pdf)) throw new AppError('INVALID_ARGUMENT', NOT_A_PDF);
  let roots: X509Certificate[] | undefined;
  try {
    roots = trustedRoots?.map(parsedRoot);
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'Uno de los certificados raíz de confianza no es un certificado válido.');
  }
  const reader = PdfReader.open(pdf);
  return withPdfErrors(() => {
    const found = signatureFields(reader);
    if (found.length === 0) return { isSignedPdf: false, signatures: [] };

    const fileEnd = trimmedEnd(pdf);
    const sections = reader.sections;
    const newestEnd = revisionEnd(pdf, sections[0] as XrefSection);
    // Bytes after the newest revision are read by no viewer's xref but may be by a repairing one.
    const junkAtEnd = newestEnd === null || pdf.toString('latin1', newestEnd, fileEnd).trim() !== '';
    const findings = new Map<number, RevisionFinding[]>();
    const findingsOf = (index: number): RevisionFinding[] => {
      let list = findings.get(index);
      if (!list) {
        list = examineRevision(reader, index);
        findings.set(index, list);
      }
      return list;
    };

    /** What the file did after the revision that holds a signature. */
    const revisionFacts = (range: RangeCheck) => {
      const end = range.byteRange.length === 4 ? (range.byteRange[2] as number) + (range.byteRange[3] as number) : 0;
      const coversWholeDocumentAtThatRevision = range.problem === null && range.revision !== null;
      const coversWholeFile = coversWholeDocumentAtThatRevision && trimmedEnd(pdf, end) >= fileEnd;
      const laterRevisions = range.revision ?? 0;
      const modifications: RevisionFinding[] = [];
      if (junkAtEnd && !coversWholeFile) modifications.push({ object: 0, page: null, description: 'hay bytes añadidos al final del archivo fuera de toda revisión' });
      if (range.revision !== null) for (let i = range.revision - 1; i >= 0; i--) modifications.push(...findingsOf(i));
      const laterChanges: SignatureReport['laterChanges'] = laterRevisions === 0 && modifications.length === 0 ? 'none' : modifications.length ? 'other' : 'signatures-only';
      return { coversWholeDocumentAtThatRevision, coversWholeFile, laterRevisions, laterChanges, modifiedAfter: modifications.length > 0, modifications };
    };
    const modificationProblems = (modifications: RevisionFinding[], problems: string[]): void => {
      for (const m of modifications.slice(0, 20)) problems.push(`Modificado después de firmar: ${findingText(m)}.`);
      if (modifications.length > 20) problems.push(`Modificado después de firmar: ${modifications.length - 20} cambios más.`);
    };

    const isDocTimestamp = (sig: PdfDict): boolean => isName(sig.get('Type'), 'DocTimeStamp') || isName(sig.get('SubFilter'), 'ETSI.RFC3161');
    const documentTimestamps = found
      .filter(({ sig }) => isDocTimestamp(sig))
      .map(({ fieldName, sig, sigRef }): DocumentTimestampReport => {
        const problems: string[] = [];
        const range = checkByteRange(pdf, sig.get('ByteRange'), reader, sigRef);
        if (range.problem) problems.push(range.problem);
        let timestamp: TimestampInfo | null = null;
        if (range.cms) {
          try {
            timestamp = readTimestampOver(range.cms, range.digestInput);
          } catch {
            problems.push('El sello de tiempo del documento no es legible.');
          }
        }
        let integrity = timestamp !== null && timestamp.imprintMatches && timestamp.signatureValid;
        if (timestamp && !timestamp.imprintMatches) problems.push('El documento fue alterado después del sello de tiempo: el resumen no coincide.');
        if (timestamp && !timestamp.signatureValid) problems.push('La firma de la autoridad de sellado de tiempo no es válida.');
        const facts = revisionFacts(range);
        modificationProblems(facts.modifications, problems);
        let tsaCertificate: CertificateInfo | null = null;
        let chainTrusted: boolean | null = null;
        if (range.cms && timestamp) {
          const tsa = checkTimestampAuthority(range.cms, roots);
          if (tsa.leaf && tsa.der) tsaCertificate = certificateInfo(tsa.leaf, tsa.der);
          else problems.push('El certificado de la autoridad de sellado de tiempo no es legible.');
          if (!tsa.usage) {
            integrity = false;
            problems.push('El certificado de la autoridad de sellado de tiempo no tiene el uso de sellado de tiempo (timeStamping).');
          }
          if (tsaCertificate && !within(new Date(timestamp.time), tsaCertificate)) {
            integrity = false;
            problems.push('El certificado de la autoridad de sellado de tiempo no estaba vigente en la hora del sello.');
          }
          chainTrusted = tsa.trusted;
        }
        if (roots && chainTrusted === null) chainTrusted = false;
        if (chainTrusted === false) problems.push('El certificado de la autoridad de sellado de tiempo no proviene de una autoridad de confianza.');
        const verdict: SignatureVerdict = !integrity || range.problem ? 'invalid' : facts.modifiedAfter ? 'modified' : chainTrusted === true ? 'valid' : 'untrusted';
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
          verdict,
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

      const facts = revisionFacts(range);
      modificationProblems(facts.modifications, problems);

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
      if (leaf && chainTrusted === false) problems.push('El certificado del firmante no proviene de una autoridad de confianza.');
      if (leaf && !roots) problems.push('No se indicaron raíces de confianza: no se comprobó quién emitió el certificado del firmante.');

      const hasEss = data?.essCertIds != null;
      const hasSigningCertificateV2 = data !== null && certificate !== null && hasEss && essCertMatches(data, certificate);
      if (hasEss && !hasSigningCertificateV2) problems.push('El atributo signing-certificate-v2 no corresponde al certificado del firmante.');

      let timestamp: TimestampInfo | null = null;
      let timestampOk = true;
      let tsaTrusted: boolean | null = null;
      if (data?.timestampToken) {
        try {
          timestamp = readTimestamp(data.timestampToken, data.signature);
          if (!timestamp.imprintMatches || !timestamp.signatureValid) {
            timestampOk = false;
            problems.push('El sello de tiempo no es válido para esta firma.');
          }
          const tsa = checkTimestampAuthority(data.timestampToken, roots);
          tsaTrusted = tsa.trusted;
          if (!tsa.usage) {
            timestampOk = false;
            problems.push('El certificado de la autoridad de sellado de tiempo no tiene el uso de sellado de tiempo (timeStamping).');
          }
          if (tsaTrusted === false) problems.push('El certificado de la autoridad de sellado de tiempo no proviene de una autoridad de confianza.');
        } catch {
          timestampOk = false;
          problems.push('El sello de tiempo de la firma no es legible.');
        }
      }

      // The certificate must have been valid when the signature was made: the timestamp's time
      // when there is a sound one (it cannot be back-dated), else the time the signer claims.
      let certificateValidAtSigningTime: boolean | null = null;
      const when = timestamp && timestampOk ? new Date(timestamp.time) : signingTime;
      if (info && when) {
        certificateValidAtSigningTime = within(when, info);
        if (!certificateValidAtSigningTime) {
          problems.push(timestamp && timestampOk ? 'El sello de tiempo cae fuera de la vigencia del certificado del firmante.' : 'El certificado no estaba vigente en la fecha de firma.');
        }
      }

      const sound = integrity && !range.problem && timestampOk && (!hasEss || hasSigningCertificateV2) && certificateValidAtSigningTime !== false;
      const verdict: SignatureVerdict = !sound ? 'invalid' : facts.modifiedAfter ? 'modified' : chainTrusted === true && tsaTrusted !== false ? 'valid' : 'untrusted';

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
        ...facts,
        chainTrusted,
        certificateValidAtSigningTime,
        hasSigningCertificateV2,
        timestamp,
        verdict,
        problems,
      };
    });
    signatures.sort((x, y) => (x.byteRange[2] ?? 0) + (x.byteRange[3] ?? 0) - ((y.byteRange[2] ?? 0) + (y.byteRange[3] ?? 0)));
    return documentTimestamps.length > 0 ? { isSignedPdf: true, signatures, documentTimestamps } : { isSignedPdf: true, signatures };
  });
}
