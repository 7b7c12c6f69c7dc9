/**
 * The "cadena original" and the QR payload of a sealed document, in the style of the SAT's
 * CFDI: one line of pipe-separated fields, opened and closed by `||`.
 *
 * Cadena original, version 1 (field order is part of the format; never reorder):
 *
 *   ||1|<documentId>|<kind>|<title>|<sessionKey or empty>|<lockedAt ISO-8601 UTC>|<byteLength of B>|<sha256 hex of B>|<signer 1>;<signer 2>;…||
 *
 * where B is the locked body PDF (the exact byte prefix of every later version of the file).
 * Every value is normalized: whitespace runs collapse to one space, leading and trailing
 * whitespace is dropped, `|` becomes `/`; in signer names `;` also becomes `,`.
 *
 * QR payload, version 1:  SESIONA|1|<documentId>|<byteLength of B>|<sha256 hex of B>
 *
 * The sello is the base64 RSA-SHA256 (PKCS#1 v1.5) signature over the UTF-8 bytes of the cadena.
 * See docs/printed-copy.md.
 */
import { AppError } from '../../../src-shared/contract/errors.js';

export const CADENA_VERSION = '1';
export const PAYLOAD_PREFIX = 'SESIONA';

export interface SealMeta {
  documentId: string;
  kind: string;
  title: string;
  sessionKey?: string;
  lockedAt: Date;
  signers: string[];
}

export interface CadenaFields {
  version: string;
  documentId: string;
  kind: string;
  title: string;
  sessionKey: string;
  lockedAt: string;
  byteLength: number;
  sha256: string;
  signers: string[];
}

export interface Payload {
  documentId: string;
  byteLength: number;
  sha256: string;
}

/** Collapses whitespace and replaces the field separator. */
export function cadenaValue(value: string): string {
  return value.replace(/\s+/g, ' ').trim().replace(/\|/g, '/');
}

function signerValue(name: string): string {
  return cadenaValue(name).replace(/;/g, ',');
}

export function checkMeta(meta: SealMeta): void {
  const text = (v: unknown): v is string => typeof v === 'string' && cadenaValue(v) !== '';
  if (!text(meta.documentId)) throw new AppError('INVALID_ARGUMENT', 'El identificador del documento es obligatorio para sellarlo.');
  if (!text(meta.kind)) throw new AppError('INVALID_ARGUMENT', 'El tipo de documento es obligatorio para sellarlo.');
  if (!text(meta.title)) throw new AppError('INVALID_ARGUMENT', 'El título del documento es obligatorio para sellarlo.');
  if (meta.sessionKey !== undefined && typeof meta.sessionKey !== 'string') throw new AppError('INVALID_ARGUMENT', 'La clave de sesión debe ser texto.');
  if (!(meta.lockedAt instanceof Date) || Number.isNaN(meta.lockedAt.getTime())) {
    throw new AppError('INVALID_ARGUMENT', 'La fecha de bloqueo del documento no es válida.');
  }
  if (!Array.isArray(meta.signers) || !meta.signers.every(text)) {
    throw new AppError('INVALID_ARGUMENT', 'La lista de firmantes debe contener nombres no vacíos.');
  }
  if (/[|\s]/.test(cadenaValue(meta.documentId)) || cadenaValue(meta.documentId).length > 64) {
    throw new AppError('INVALID_ARGUMENT', 'El identificador del documento no puede contener espacios ni «|» ni pasar de 64 caracteres.');
  }
}

export function buildCadena(meta: SealMeta, byteLength: number, sha256: string): string {
  const fields = [
    CADENA_VERSION,
    cadenaValue(meta.documentId),
    cadenaValue(meta.kind),
    cadenaValue(meta.title),
    cadenaValue(meta.sessionKey ?? ''),
    meta.lockedAt.toISOString(),
    String(byteLength),
    sha256,
    meta.signers.map(signerValue).join(';'),
  ];
  return `||${fields.join('|')}||`;
}

/** Parses a version-1 cadena; null when it is not one. */
export function parseCadena(cadena: string): CadenaFields | null {
  if (!cadena.startsWith('||') || !cadena.endsWith('||') || cadena.length < 4) return null;
  const parts = cadena.slice(2, -2).split('|');
  if (parts.length !== 9) return null;
  const [version, documentId, kind, title, sessionKey, lockedAt, length, sha256, signers] = parts as [string, string, string, string, string, string, string, string, string];
  if (version !== CADENA_VERSION || !/^\d{1,15}$/.test(length) || !/^[0-9a-f]{64}$/.test(sha256)) return null;
  return {
    version,
    documentId,
    kind,
    title,
    sessionKey,
    lockedAt,
    byteLength: Number(length),
    sha256,
    signers: signers === '' ? [] : signers.split(';'),
  };
}

export function buildPayload(documentId: string, byteLength: number, sha256: string): string {
  return `${PAYLOAD_PREFIX}|${CADENA_VERSION}|${cadenaValue(documentId)}|${byteLength}|${sha256}`;
}

export const BAD_PAYLOAD = 'El contenido del código QR no es un código de verificación de Sesiona (se esperaba «SESIONA|1|identificador|tamaño|huella SHA-256»).';

/** Parses a QR payload; throws AppError (Spanish) when it is not a Sesiona version-1 payload. */
export function parsePayload(payload: string): Payload {
  if (typeof payload !== 'string') throw new AppError('INVALID_ARGUMENT', BAD_PAYLOAD);
  const m = /^SESIONA\|1\|([^|\s]{1,64})\|(\d{1,15})\|([0-9a-fA-F]{64})$/.exec(payload.trim());
  if (!m) throw new AppError('INVALID_ARGUMENT', BAD_PAYLOAD);
  return { documentId: m[1] as string, byteLength: Number(m[2]), sha256: (m[3] as string).toLowerCase() };
}
