/**
 * Just enough DER to read certificate names and to read and write PKCS#8
 * EncryptedPrivateKeyInfo. Buffers in, buffers out: no binary strings.
 */

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

/** Reads one element; throws a plain Error on truncated or non-DER lengths. */
export function readTlv(buf: Buffer, offset = 0): Tlv {
  const tag = buf[offset];
  let lengthByte = buf[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new Error('DER: truncated');
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: high tag numbers are not supported');
  let pos = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER: unsupported length');
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = buf[pos++];
      if (lengthByte === undefined) throw new Error('DER: truncated');
      length = length * 256 + lengthByte;
    }
  }
  const end = pos + length;
  if (end > buf.length) throw new Error('DER: truncated');
  return { tag, value: buf.subarray(pos, end), end };
}

/** Reads a whole buffer as exactly one element. */
export function readOnly(buf: Buffer): Tlv {
  const tlv = readTlv(buf);
  if (tlv.end !== buf.length) throw new Error('DER: trailing bytes');
  return tlv;
}

export function children(tlv: Tlv): Tlv[] {
  if (!(tlv.tag & 0x20)) throw new Error('DER: not a constructed element');
  const items: Tlv[] = [];
  for (let pos = 0; pos < tlv.value.length; ) {
    const item = readTlv(tlv.value, pos);
    items.push(item);
    pos = item.end;
  }
  return items;
}

export function decodeOid(value: Buffer): string {
  const ids: number[] = [];
  let id = 0;
  for (const byte of value) {
    id = id * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      ids.push(id);
      id = 0;
    }
  }
  const first = ids.shift();
  if (first === undefined) throw new Error('DER: empty OID');
  const top = first < 80 ? Math.floor(first / 40) : 2;
  return [top, first - top * 40, ...ids].join('.');
}

export function encode(tag: number, value: Buffer): Buffer {
  const n = value.length;
  let header: Buffer;
  if (n < 0x80) header = Buffer.from([tag, n]);
  else {
    const bytes: number[] = [];
    for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, value]);
}

export function sequence(...items: Buffer[]): Buffer {
  return encode(TAG.SEQUENCE, Buffer.concat(items));
}

export function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return encode(TAG.OID, Buffer.from(bytes));
}

export function unsignedInteger(n: number): Buffer {
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0);
  return encode(TAG.INTEGER, Buffer.from(bytes));
}

export function octetString(value: Buffer): Buffer {
  return encode(TAG.OCTET_STRING, value);
}
