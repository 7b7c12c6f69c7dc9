/**
 * The one DER codec: a minimal writer (concatenating pre-encoded buffers is far cheaper per
 * document than building a forge ASN.1 tree) and a BER/DER reader that walks tags and lengths.
 * CMS for PDF signatures and RFC 3161 timestamps read and write through it, and so do
 * certificate names and SAT PKCS#8 keys (through the small value-based `Tlv` view at the end).
 * Buffers in, buffers out: no binary strings.
 */

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV whose content is the concatenation of `parts`. */
export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const content = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(content.length), content]);
}

export const sequence = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
export const set = (...parts: Buffer[]): Buffer => tlv(0x31, ...parts);
export const octetString = (bytes: Buffer): Buffer => tlv(0x04, bytes);
export const nullValue = Buffer.from([0x05, 0x00]);

/** DER SET OF: members sorted by their encodings (X.690 11.6). */
export function setOf(members: Buffer[]): Buffer {
  return set(...[...members].sort(Buffer.compare));
}

export function integer(value: number): Buffer {
  const bytes: number[] = [];
  let n = value;
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  if ((bytes[0] as number) & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

const oidCache = new Map<string, Buffer>();

export function oid(dotted: string): Buffer {
  const cached = oidCache.get(dotted);
  if (cached) return cached;
  const arcs = dotted.split('.').map(Number);
  const bytes: number[] = [(arcs[0] as number) * 40 + (arcs[1] as number)];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [];
    let n = arc;
    do {
      chunk.unshift((n & 0x7f) | (chunk.length > 0 ? 0x80 : 0));
      n = Math.floor(n / 128);
    } while (n > 0);
    bytes.push(...chunk);
  }
  const encoded = tlv(0x06, Buffer.from(bytes));
  oidCache.set(dotted, encoded);
  return encoded;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5). */
export function time(date: Date): Buffer {
  const y = date.getUTCFullYear();
  const rest =
    twoDigits(date.getUTCMonth() + 1) +
    twoDigits(date.getUTCDate()) +
    twoDigits(date.getUTCHours()) +
    twoDigits(date.getUTCMinutes()) +
    twoDigits(date.getUTCSeconds()) +
    'Z';
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(twoDigits(y % 100) + rest, 'latin1'));
  return tlv(0x18, Buffer.from(String(y).padStart(4, '0') + rest, 'latin1'));
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface Node {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the content (before the end-of-contents octets of indefinite lengths). */
  contentEnd: number;
  /** Offset just past the whole element. */
  end: number;
}

export class DerError extends Error {}

/** Reads the element at `offset`; accepts BER indefinite lengths, which some signers emit. */
export function readNode(buf: Buffer, offset: number, limit = buf.length): Node {
  if (offset + 2 > limit) throw new DerError('truncated element');
  const tag = buf[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not supported');
  let pos = offset + 1;
  const first = buf[pos++] as number;
  if (first === 0x80) {
    if ((tag & 0x20) === 0) throw new DerError('indefinite length on a primitive element');
    let child = pos;
    while (true) {
      if (child + 2 > limit) throw new DerError('unterminated indefinite length');
      if (buf[child] === 0 && buf[child + 1] === 0) break;
      child = readNode(buf, child, limit).end;
    }
    return { tag, start: offset, contentStart: pos, contentEnd: child, end: child + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4 || pos + count > limit) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buf[pos++] as number);
  }
  const end = pos + length;
  if (end > limit) throw new DerError('element longer than its container');
  return { tag, start: offset, contentStart: pos, contentEnd: end, end };
}

export function children(buf: Buffer, node: Node): Node[] {
  const out: Node[] = [];
  for (let pos = node.contentStart; pos < node.contentEnd; ) {
    const child = readNode(buf, pos, node.contentEnd);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function content(buf: Buffer, node: Node): Buffer {
  return buf.subarray(node.contentStart, node.contentEnd);
}

export function whole(buf: Buffer, node: Node): Buffer {
  return buf.subarray(node.start, node.end);
}

export function oidString(buf: Buffer, node: Node): string {
  if (node.tag !== 0x06) throw new DerError('expected an OBJECT IDENTIFIER');
  const bytes = content(buf, node);
  const arcs: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/** UTCTime / GeneralizedTime to a Date (seconds precision, fractions ignored). */
export function readTime(buf: Buffer, node: Node): Date {
  const text = content(buf, node).toString('latin1');
  const m =
    node.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?Z$/.exec(text);
  if (!m) throw new DerError(`unsupported time ${text}`);
  let year = Number(m[1]);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
}

/** Child `index` of `node`, failing with a message naming what was expected. */
export function child(buf: Buffer, node: Node, index: number, what: string): Node {
  const list = children(buf, node);
  const found = list[index];
  if (!found) throw new DerError(`missing ${what}`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// A value-based view for small structures (certificate names, PKCS#8)

export interface Tlv {
  /** The identifier octet: class, constructed bit and tag number (low tag numbers only). */
  tag: number;
  value: Buffer;
  /** Offset just past this element in the buffer it was read from. */
  end: number;
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Reads one element; throws DerError on truncated or unsupported lengths. */
export function readTlv(buf: Buffer, offset = 0): Tlv {
  const node = readNode(buf, offset);
  return { tag: node.tag, value: content(buf, node), end: node.end };
}

/** Reads a whole buffer as exactly one element. */
export function readOnly(buf: Buffer): Tlv {
  const tlv = readTlv(buf);
  if (tlv.end !== buf.length) throw new DerError('trailing bytes');
  return tlv;
}

/** The elements inside a constructed `tlv`. */
export function tlvChildren(tlv: Tlv): Tlv[] {
  if (!(tlv.tag & 0x20)) throw new DerError('not a constructed element');
  const items: Tlv[] = [];
  for (let pos = 0; pos < tlv.value.length; ) {
    const item = readTlv(tlv.value, pos);
    items.push(item);
    pos = item.end;
  }
  return items;
}

/** Dotted form of an OBJECT IDENTIFIER's content octets. */
export function decodeOid(value: Buffer): string {
  if (value.length === 0) throw new DerError('empty OID');
  return oidString(tlv(0x06, value), readNode(tlv(0x06, value), 0));
}

export const encode = (tag: number, value: Buffer): Buffer => tlv(tag, value);
export const unsignedInteger = integer;
