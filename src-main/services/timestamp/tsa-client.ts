/**
 * RFC 3161 time-stamp protocol client over HTTP (RFC 3161 §3.4): builds the TimeStampReq by
 * hand, POSTs it as `application/timestamp-query`, and checks the TimeStampResp: status, that
 * the token stamps the digest we asked for, carries our nonce, and that its CMS signature
 * verifies with the TSA certificate it includes.
 *
 * Two failure kinds, so callers can choose:
 * - `TsaUnavailable` (no code): the service could not be reached, timed out or answered with
 *   an HTTP 5xx. Sign without a timestamp and add a document timestamp later.
 * - `TsaRejected` / `AppError('UNAVAILABLE')`: the service answered, but refused the request or
 *   sent something that is not a valid token for it. Retrying will not help.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors.js';
import { readSignedData, signatureVerifies, hashName, OID } from '../pdfsign/index.js';
import { child, children, content, DerError, integer, nullValue, octetString, oid, oidString, readNode, sequence, tlv, whole, type Node } from '../certificates/der.js';

export const DEFAULT_TSA_TIMEOUT_MS = 8000;
const MAX_RESPONSE_BYTES = 1_048_576;

export interface TimestampRequestOptions {
  /** Whole exchange, connection to last byte; default 8,000 ms. */
  timeoutMs?: number;
  /** Stand-in for the global `fetch` (tests, proxies). */
  fetchImpl?: typeof fetch;
}

/** The TSA could not be reached in time. The message is Spanish and fit for the screen. */
export class TsaUnavailable extends Error {
  constructor(
    readonly url: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`No se pudo contactar al servicio de sellado de tiempo (${hostOf(url)}): ${reason}. Puede firmar sin sello de tiempo y agregarlo después.`, options);
    this.name = 'TsaUnavailable';
  }
}

/** The TSA answered with a PKIStatus other than granted / grantedWithMods. */
export class TsaRejected extends AppError {
  constructor(
    readonly status: number,
    readonly failures: string[],
    readonly statusText: string | null,
  ) {
    const detail = [STATUS_TEXT[status] ?? `estado ${status}`, ...failures, ...(statusText ? [`«${statusText}»`] : [])].join('; ');
    super('UNAVAILABLE', `El servicio de sellado de tiempo rechazó la solicitud: ${detail}.`);
    this.name = 'TsaRejected';
  }
}

const STATUS_TEXT: Record<number, string> = {
  2: 'solicitud rechazada',
  3: 'solicitud en espera',
  4: 'advertencia de revocación',
  5: 'certificado de la autoridad revocado',
};

/** PKIFailureInfo bits (RFC 3161 §2.4.2). */
const FAILURE_TEXT: Record<number, string> = {
  0: 'algoritmo de resumen no reconocido',
  2: 'solicitud mal formada',
  5: 'formato de datos incorrecto',
  14: 'la fuente de tiempo no está disponible',
  15: 'política no aceptada',
  16: 'extensión no aceptada',
  17: 'información adicional no disponible',
  25: 'falla interna del servicio',
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function badResponse(detail: string): AppError {
  return new AppError('UNAVAILABLE', `La respuesta del servicio de sellado de tiempo no es válida: ${detail}.`);
}

/** Positive INTEGER from unsigned big-endian bytes, minimal DER. */
function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, (trimmed[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** Integer content bytes without sign padding, for comparisons. */
function integerValue(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start);
}

/** DER TimeStampReq: v1, SHA-256 imprint of `digest`, `nonce`, certReq TRUE. */
export function buildTimestampRequest(digest: Buffer, nonce: Buffer): Buffer {
  if (digest.length !== 32) throw new AppError('INVALID_ARGUMENT', 'El resumen para el sello de tiempo debe ser SHA-256 (32 bytes).');
  return sequence(
    integer(1),
    sequence(sequence(oid(OID.sha256), nullValue), octetString(digest)),
    unsignedInteger(nonce),
    Buffer.from([0x01, 0x01, 0xff]),
  );
}

function checkUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'La dirección del servicio de sellado de tiempo no es válida.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('INVALID_ARGUMENT', 'El servicio de sellado de tiempo debe usar una dirección http:// o https://.');
  }
  return parsed;
}

function bitSet(bits: Buffer, index: number): boolean {
  const byte = bits[1 + Math.floor(index / 8)];
  return byte !== undefined && (byte & (0x80 >> index % 8)) !== 0;
}

function readStatus(der: Buffer, statusInfo: Node): { status: number; text: string | null; failures: string[] } {
  const parts = children(der, statusInfo);
  const statusNode = parts[0];
  if (!statusNode || statusNode.tag !== 0x02) throw badResponse('sin estado');
  const raw = content(der, statusNode);
  if (raw.length > 2) throw badResponse('estado fuera de rango');
  const status = raw.length === 2 ? raw.readUInt16BE(0) : (raw[0] ?? 0);
  let text: string | null = null;
  const failures: string[] = [];
  for (const node of parts.slice(1)) {
    if (node.tag === 0x30) {
      text = children(der, node).map((s) => content(der, s).toString('utf8')).join(' ') || null;
    } else if (node.tag === 0x03) {
      const bits = content(der, node);
      for (const [bit, label] of Object.entries(FAILURE_TEXT)) if (bitSet(bits, Number(bit))) failures.push(label);
    }
  }
  return { status, text, failures };
}

/** Checks that `token` is a TimeStampToken for `digest` with `nonce`, signed by its TSA. */
function checkToken(token: Buffer, digest: Buffer, nonce: Buffer): void {
  const data = readSignedData(token);
  if (data.eContentType !== OID.tstInfo || !data.eContent) throw badResponse('el sello no contiene un TSTInfo');
  const tst = data.eContent;
  const fields = children(tst, readNode(tst, 0));
  const imprint = fields[2];
  if (!imprint) throw badResponse('el sello no tiene huella del mensaje');
  const algorithm = oidString(tst, child(tst, child(tst, imprint, 0, 'hashAlgorithm'), 0, 'algorithm'));
  const hashed = content(tst, child(tst, imprint, 1, 'hashedMessage'));
  if (algorithm !== OID.sha256 || !hashed.equals(digest)) throw badResponse('el sello no corresponde a los datos enviados');
  // nonce is the first INTEGER after genTime (accuracy is a SEQUENCE, ordering a BOOLEAN).
  const nonceNode = fields.slice(5).find((node) => node.tag === 0x02);
  if (!nonceNode || !integerValue(content(tst, nonceNode)).equals(integerValue(nonce))) {
    throw badResponse('el número de un solo uso (nonce) no coincide');
  }
  const contentHash = hashName(data.digestAlgorithm);
  const signed =
    data.signerCertificate !== null &&
    contentHash !== undefined &&
    data.messageDigest !== null &&
    createHash(contentHash).update(tst).digest().equals(data.messageDigest) &&
    signatureVerifies(data, data.signerCertificate);
  if (!signed) throw badResponse('la firma del sello de tiempo no se pudo comprobar');
}

/** Parses a TimeStampResp and returns its token after checking it against the request. */
export function parseTimestampResponse(der: Buffer, digest: Buffer, nonce: Buffer): Buffer {
  try {
    const resp = readNode(der, 0);
    if (resp.tag !== 0x30 || resp.end !== der.length) throw badResponse('no es una estructura DER');
    const [statusInfo, tokenNode] = children(der, resp);
    if (!statusInfo || statusInfo.tag !== 0x30) throw badResponse('sin estado');
    const { status, text, failures } = readStatus(der, statusInfo);
    if (status !== 0 && status !== 1) throw new TsaRejected(status, failures, text);
    if (!tokenNode) throw badResponse('la respuesta no contiene el sello');
    const token = Buffer.from(whole(der, tokenNode));
    checkToken(token, digest, nonce);
    return token;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badResponse(err instanceof DerError ? 'estructura DER ilegible' : 'estructura ilegible');
  }
}

/**
 * Asks the TSA at `url` for a token over an already computed SHA-256 `digest` (32 bytes),
 * e.g. the /ByteRange digest of a document timestamp.
 */
export async function requestTimestampForDigest(url: string, digest: Buffer, opts: TimestampRequestOptions = {}): Promise<Buffer> {
  checkUrl(url);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TSA_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new AppError('INVALID_ARGUMENT', 'El tiempo de espera del sello de tiempo debe ser positivo.');
  const nonce = randomBytes(8);
  const request = buildTimestampRequest(digest, nonce);
  const fetchImpl = opts.fetchImpl ?? fetch;

  let body: Buffer;
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: request,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    if (response.status >= 500 || response.status === 429) {
      throw new TsaUnavailable(url, `el servicio respondió con el código HTTP ${response.status}`);
    }
    if (!response.ok) {
      throw new AppError('UNAVAILABLE', `El servicio de sellado de tiempo respondió con el código HTTP ${response.status}.`);
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_RESPONSE_BYTES) throw badResponse('demasiado grande');
    body = Buffer.from(await response.arrayBuffer());
  } catch (err) {
    if (err instanceof AppError || err instanceof TsaUnavailable) throw err;
    const name = (err as { name?: string } | null)?.name;
    const reason =
      name === 'TimeoutError' || name === 'AbortError'
        ? `no respondió en ${Math.round(timeoutMs / 100) / 10} s`
        : 'no hay conexión con el servicio';
    throw new TsaUnavailable(url, reason, { cause: err });
  }
  if (body.length > MAX_RESPONSE_BYTES) throw badResponse('demasiado grande');
  return parseTimestampResponse(body, digest, nonce);
}

/**
 * Asks the TSA at `url` for a token over the SHA-256 of `data` (for a signature timestamp,
 * the CMS signature value). Returns the TimeStampToken (ContentInfo DER).
 */
export function requestTimestamp(url: string, data: Buffer, opts: TimestampRequestOptions = {}): Promise<Buffer> {
  return requestTimestampForDigest(url, createHash('sha256').update(data).digest(), opts);
}

/** A `timestamp` callback for `signPdfAsync` that asks the TSA at `url`. */
export function tsaTimestamper(url: string, opts: TimestampRequestOptions = {}): (signatureValue: Buffer) => Promise<Buffer> {
  checkUrl(url);
  return (signatureValue) => requestTimestamp(url, signatureValue, opts);
}

/** A `fetchToken` callback for `addDocumentTimestamp` that asks the TSA at `url`. */
export function tsaDocumentTimestamper(url: string, opts: TimestampRequestOptions = {}): (digest: Buffer) => Promise<Buffer> {
  checkUrl(url);
  return (digest) => requestTimestampForDigest(url, digest, opts);
}
