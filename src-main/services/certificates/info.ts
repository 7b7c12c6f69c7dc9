import { X509Certificate } from 'node:crypto';
import { formatDate } from '../../../src-shared/format.js';
import { TAG, tlvChildren, decodeOid, readOnly, type Tlv } from './der.js';
import { certificateError } from './errors.js';
import { unPem } from './pem.js';

/** What the app shows and stores about a certificate: plain JSON, no key material. */
export interface CertificateInfo {
  /** Common name of the holder (CN; O when there is no CN). */
  subjectName: string;
  /** Full subject, "CN=…, x500UniqueIdentifier=…", in certificate order. */
  subject: string;
  /** RFC of the holder (OID 2.5.4.45). For companies SAT writes "RFC / RFC-of-representative": this is the first. */
  rfc: string | null;
  /** CURP (subject serialNumber, OID 2.5.4.5), first non-empty token. */
  curp: string | null;
  email: string | null;
  /** SAT's 20-digit certificate number when the serial is hex-encoded ASCII digits; otherwise the serial in hex. */
  certificateNumber: string;
  /** Serial number in upper-case hex. */
  serialNumber: string;
  issuerName: string;
  issuer: string;
  /** ISO 8601, UTC. */
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER certificate, "AB:CD:…" as certificate viewers show it. */
  fingerprintSha256: string;
}

export type ValidityStatus = 'valid' | 'expired' | 'not-yet-valid';

const OID_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.41': 'name',
  '2.5.4.42': 'GN',
  '2.5.4.45': 'x500UniqueIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** How many days before expiry the app starts warning. */
const EXPIRY_NOTICE_DAYS = 30;

/** DER of a certificate given as DER or PEM; AppError when it is not an X.509 certificate. */
export function readCertificate(data: Buffer): Buffer {
  const { der, label } = unPem(data);
  if (label !== null && label !== 'CERTIFICATE') throw certificateError('corruptCertificate');
  try {
    new X509Certificate(der);
    // X509Certificate ignores bytes after the certificate; a file with trailing junk is damaged.
    readOnly(der);
  } catch {
    throw certificateError('corruptCertificate');
  }
  return der;
}

/** Accepts what readCertificate accepts (DER or PEM). */
export function certificateInfo(data: Buffer): CertificateInfo {
  const der = readCertificate(data);
  const x509 = new X509Certificate(der);
  const tbs = tlvChildren(readOnly(der))[0]!;
  const fields = tlvChildren(tbs);
  // Version is an optional [0] EXPLICIT element before the serial number.
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  const [serial, , issuer, validity, subject] = fields.slice(at);
  if (!serial || !issuer || !validity || !subject) throw certificateError('corruptCertificate');
  const [notBefore, notAfter] = tlvChildren(validity);
  const subjectAttrs = nameAttributes(subject);
  const issuerAttrs = nameAttributes(issuer);
  const serialHex = stripSignPadding(serial.value).toString('hex').toUpperCase();
  return {
    subjectName: first(subjectAttrs, 'CN') ?? first(subjectAttrs, 'O') ?? '',
    subject: formatName(subjectAttrs),
    rfc: firstToken(first(subjectAttrs, 'x500UniqueIdentifier')),
    curp: firstToken(first(subjectAttrs, 'serialNumber')),
    email: first(subjectAttrs, 'emailAddress'),
    certificateNumber: certificateNumber(stripSignPadding(serial.value)) ?? serialHex,
    serialNumber: serialHex,
    issuerName: first(issuerAttrs, 'CN') ?? first(issuerAttrs, 'O') ?? '',
    issuer: formatName(issuerAttrs),
    notBefore: readTime(notBefore).toISOString(),
    notAfter: readTime(notAfter).toISOString(),
    fingerprintSha256: x509.fingerprint256,
  };
}

/** Whether the certificate can sign at `now`, and what to tell the user if not (or soon not). */
export function validity(info: CertificateInfo, now: Date = new Date()): { status: ValidityStatus; warning: string | null } {
  const from = new Date(info.notBefore);
  const to = new Date(info.notAfter);
  if (now < from) {
    return { status: 'not-yet-valid', warning: `El certificado aún no es válido: su vigencia comienza el ${mexicoDate(from)}.` };
  }
  if (now > to) {
    return {
      status: 'expired',
      warning: `El certificado venció el ${mexicoDate(to)}: ya no puede usarse para firmar. Renueve su certificado.`,
    };
  }
  const daysLeft = Math.floor((to.getTime() - now.getTime()) / 86_400_000);
  if (daysLeft < EXPIRY_NOTICE_DAYS) {
    const when = daysLeft === 0 ? 'hoy' : daysLeft === 1 ? 'mañana' : `en ${daysLeft} días`;
    return { status: 'valid', warning: `El certificado vence ${when} (${mexicoDate(to)}). Renuévelo a tiempo.` };
  }
  return { status: 'valid', warning: null };
}

/** SAT writes the 20-digit certificate number as the ASCII bytes of its digits. */
function certificateNumber(serial: Buffer): string | null {
  if (serial.length === 0 || !serial.every((b) => b >= 0x30 && b <= 0x39)) return null;
  return serial.toString('latin1');
}

function stripSignPadding(value: Buffer): Buffer {
  return value.length > 1 && value[0] === 0 ? value.subarray(1) : value;
}

type Attribute = [name: string, value: string];

function nameAttributes(name: Tlv): Attribute[] {
  const attrs: Attribute[] = [];
  for (const rdn of tlvChildren(name)) {
    for (const atv of tlvChildren(rdn)) {
      const [type, value] = tlvChildren(atv);
      if (!type || !value) continue;
      const oid = decodeOid(type.value);
      attrs.push([OID_NAMES[oid] ?? oid, decodeString(value)]);
    }
  }
  return attrs;
}

function decodeString(tlv: Tlv): string {
  switch (tlv.tag) {
    case TAG.UTF8_STRING:
      return tlv.value.toString('utf8');
    case TAG.BMP_STRING:
      return Buffer.from(tlv.value).swap16().toString('utf16le');
    case TAG.UNIVERSAL_STRING: {
      let text = '';
      for (let i = 0; i + 3 < tlv.value.length; i += 4) text += String.fromCodePoint(tlv.value.readUInt32BE(i));
      return text;
    }
    case TAG.BIT_STRING:
      // X.520 types x500UniqueIdentifier as BIT STRING; skip the unused-bits octet.
      return tlv.value.subarray(1).toString('utf8');
    default:
      // PrintableString, IA5String, TeletexString…: Latin-1 is what issuers put in practice.
      return tlv.value.toString('latin1');
  }
}

function first(attrs: Attribute[], name: string): string | null {
  const value = attrs.find(([n]) => n === name)?.[1].trim();
  return value ? value : null;
}

/** "AAA010101AAA / PELJ800101AB1" → "AAA010101AAA"; " / PELJ800101HDFRPN09" → "PELJ800101HDFRPN09". */
function firstToken(value: string | null): string | null {
  if (value === null) return null;
  return value.split('/').map((t) => t.trim()).find((t) => t.length > 0) ?? null;
}

function formatName(attrs: Attribute[]): string {
  return attrs.map(([n, v]) => `${n}=${v.replace(/([,+"\\<>;])/g, '\\$1')}`).join(', ');
}

function readTime(tlv: Tlv | undefined): Date {
  if (!tlv) throw certificateError('corruptCertificate');
  const text = tlv.value.toString('latin1');
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m || (tlv.tag === TAG.UTC_TIME) !== (m[1]!.length === 2)) throw certificateError('corruptCertificate');
  let year = Number(m[1]);
  // RFC 5280: UTCTime years 50–99 are 19xx, 00–49 are 20xx.
  if (m[1]!.length === 2) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/** Dates are shown as the offices live them: Mexico City's calendar day. */
function mexicoDate(date: Date): string {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  return formatDate(iso);
}
