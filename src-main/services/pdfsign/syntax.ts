/**
 * PDF object syntax (ISO 32000-1 §7.3): a parser for the objects a signer and a verifier need
 * to read, and a serializer for the few dictionaries an incremental update rewrites.
 */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

export class PdfString {
  constructor(
    readonly bytes: Buffer,
    readonly hex = false,
  ) {}
}

/** A stream whose raw (still encoded) data is `source[dataStart, dataEnd)`. */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly source: Buffer,
    readonly dataStart: number,
    readonly dataEnd: number,
  ) {}

  get raw(): Buffer {
    return this.source.subarray(this.dataStart, this.dataEnd);
  }
}

export type PdfDict = Map<string, PdfValue>;
export type PdfValue = null | boolean | number | PdfName | PdfRef | PdfString | PdfValue[] | PdfDict | PdfStream;

export class PdfSyntaxError extends Error {}

/** A stream or structure beyond what Sesiona reads (a decompression bomb, absurd counts). */
export class PdfLimitError extends Error {}

/** Deepest nesting of arrays and dictionaries read; real files stay under ten. */
export const MAX_NESTING = 100;

const WHITESPACE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;

const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

const isRegular = (c: number | undefined): boolean => c !== undefined && !WHITESPACE[c] && !DELIMITER[c];
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** Length of a stream when it is an indirect reference the parser cannot follow alone. */
export type LengthResolver = (ref: PdfRef) => number | undefined;

export class Parser {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
    private readonly resolveLength?: LengthResolver,
  ) {}

  skipWhitespace(): void {
    const buf = this.buf;
    while (this.pos < buf.length) {
      const c = buf[this.pos] as number;
      if (WHITESPACE[c]) this.pos++;
      else if (c === 0x25) {
        while (this.pos < buf.length && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** Reads a run of regular characters (a keyword or number token) without consuming it. */
  peekToken(): string {
    this.skipWhitespace();
    let end = this.pos;
    while (isRegular(this.buf[end])) end++;
    return this.buf.toString('latin1', this.pos, end);
  }

  expectKeyword(keyword: string): void {
    const token = this.peekToken();
    if (token !== keyword) throw new PdfSyntaxError(`expected ${keyword} at ${this.pos}, found "${token.slice(0, 20)}"`);
    this.pos += keyword.length;
  }

  /** Non-negative integer token, or undefined (position unchanged) when there is none. */
  private tryInteger(): number | undefined {
    const start = this.pos;
    this.skipWhitespace();
    let end = this.pos;
    while (isDigit(this.buf[end])) end++;
    if (end === this.pos || isRegular(this.buf[end])) {
      this.pos = start;
      return undefined;
    }
    const value = Number(this.buf.toString('latin1', this.pos, end));
    this.pos = end;
    return value;
  }

  parseValue(depth = 0): PdfValue {
    if (depth > MAX_NESTING) throw new PdfLimitError(`objetos anidados a más de ${MAX_NESTING} niveles`);
    this.skipWhitespace();
    const buf = this.buf;
    const c = buf[this.pos];
    if (c === undefined) throw new PdfSyntaxError('unexpected end of data');
    if (c === 0x2f) return this.parseName();
    if (c === 0x28) return this.parseLiteralString();
    if (c === 0x3c) {
      if (buf[this.pos + 1] === 0x3c) return this.parseDict(depth);
      return this.parseHexString();
    }
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      while (true) {
        this.skipWhitespace();
        if (buf[this.pos] === 0x5d) {
          this.pos++;
          return items;
        }
        if (this.pos >= buf.length) throw new PdfSyntaxError('unterminated array');
        items.push(this.parseValue(depth + 1));
      }
    }
    const token = this.peekToken();
    if (token === '') throw new PdfSyntaxError(`unexpected character ${String.fromCharCode(c)} at ${this.pos}`);
    if (token === 'true' || token === 'false' || token === 'null') {
      this.pos += token.length;
      return token === 'null' ? null : token === 'true';
    }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) throw new PdfSyntaxError(`unexpected token "${token.slice(0, 20)}" at ${this.pos}`);
    this.pos += token.length;
    const value = Number(token);
    if (/^\d+$/.test(token)) {
      // "num gen R": look ahead without committing.
      const save = this.pos;
      const gen = this.tryInteger();
      if (gen !== undefined && this.peekToken() === 'R') {
        this.pos += 1;
        return new PdfRef(value, gen);
      }
      this.pos = save;
    }
    return value;
  }

  private parseName(): PdfName {
    const buf = this.buf;
    let pos = this.pos + 1;
    const start = pos;
    while (isRegular(buf[pos])) pos++;
    let raw = buf.toString('latin1', start, pos);
    if (raw.includes('#')) {
      raw = raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
    this.pos = pos;
    return new PdfName(raw);
  }

  private parseDict(depth: number): PdfDict | PdfStream {
    const buf = this.buf;
    this.pos += 2;
    const dict: PdfDict = new Map();
    while (true) {
      this.skipWhitespace();
      if (buf[this.pos] === 0x3e && buf[this.pos + 1] === 0x3e) {
        this.pos += 2;
        break;
      }
      if (this.pos >= buf.length) throw new PdfSyntaxError('unterminated dictionary');
      const key = this.parseValue(depth + 1);
      if (!(key instanceof PdfName)) throw new PdfSyntaxError(`dictionary key is not a name at ${this.pos}`);
      dict.set(key.name, this.parseValue(depth + 1));
    }
    const save = this.pos;
    if (this.peekToken() === 'stream') return this.parseStreamBody(dict);
    this.pos = save;
    return dict;
  }

  private parseStreamBody(dict: PdfDict): PdfStream {
    const buf = this.buf;
    this.pos += 'stream'.length;
    if (buf[this.pos] === 0x0d) this.pos++;
    if (buf[this.pos] === 0x0a) this.pos++;
    const start = this.pos;
    let length: number | undefined;
    const declared = dict.get('Length');
    if (typeof declared === 'number') length = declared;
    else if (declared instanceof PdfRef && this.resolveLength) length = this.resolveLength(declared);
    let end = -1;
    if (length !== undefined && length >= 0 && start + length <= buf.length) {
      let after = start + length;
      while (WHITESPACE[buf[after] as number] && after < buf.length) after++;
      if (buf.toString('latin1', after, after + 9) === 'endstream') end = start + length;
    }
    if (end < 0) {
      // Wrong or unknown /Length: trust the endstream keyword, as readers do.
      const found = buf.indexOf('endstream', start, 'latin1');
      if (found < 0) throw new PdfSyntaxError('stream without endstream');
      end = found;
      if (buf[end - 1] === 0x0a) end--;
      if (buf[end - 1] === 0x0d) end--;
    }
    this.pos = buf.indexOf('endstream', end, 'latin1') + 'endstream'.length;
    return new PdfStream(dict, buf, start, end);
  }

  private parseLiteralString(): PdfString {
    const buf = this.buf;
    const out: number[] = [];
    let pos = this.pos + 1;
    let nesting = 1;
    while (pos < buf.length) {
      let c = buf[pos++] as number;
      if (c === 0x5c) {
        c = buf[pos++] as number;
        const escaped = ESCAPES[c];
        if (escaped !== undefined) out.push(escaped);
        else if (c >= 0x30 && c <= 0x37) {
          let value = c - 0x30;
          for (let i = 0; i < 2 && (buf[pos] as number) >= 0x30 && (buf[pos] as number) <= 0x37; i++) value = value * 8 + (buf[pos++] as number) - 0x30;
          out.push(value & 0xff);
        } else if (c === 0x0d) {
          if (buf[pos] === 0x0a) pos++;
        } else if (c !== 0x0a) out.push(c);
        continue;
      }
      if (c === 0x28) nesting++;
      else if (c === 0x29 && --nesting === 0) {
        this.pos = pos;
        return new PdfString(Buffer.from(out));
      } else if (c === 0x0d) {
        // An unescaped end-of-line in a literal string reads as a single LF.
        if (buf[pos] === 0x0a) pos++;
        c = 0x0a;
      }
      out.push(c);
    }
    throw new PdfSyntaxError('unterminated string');
  }

  private parseHexString(): PdfString {
    const buf = this.buf;
    const end = buf.indexOf(0x3e, this.pos);
    if (end < 0) throw new PdfSyntaxError('unterminated hex string');
    // Signature /Contents are tens of KB of hex: let Buffer decode it in one go.
    let text = buf.toString('latin1', this.pos + 1, end);
    if (/[^0-9A-Fa-f]/.test(text)) {
      // PDF whitespace (NUL, tab, LF, FF, CR, space) may sit between the digits.
      const digits = text.replace(/[\t\n\f\r ]|\0/g, '');
      if (/[^0-9A-Fa-f]/.test(digits)) throw new PdfSyntaxError('bad character in hex string');
      text = digits;
    }
    if (text.length % 2 === 1) text += '0';
    this.pos = end + 1;
    return new PdfString(Buffer.from(text, 'hex'), true);
  }

  /** `num gen obj <value> endobj` at the current position. */
  parseIndirect(): { num: number; gen: number; value: PdfValue } {
    const num = this.tryInteger();
    const gen = this.tryInteger();
    if (num === undefined || gen === undefined) throw new PdfSyntaxError(`expected an object header at ${this.pos}`);
    this.expectKeyword('obj');
    const value = this.parseValue();
    return { num, gen, value };
  }
}

// ---------------------------------------------------------------------------------------------
// Serialization

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) throw new Error('PDF numbers must be finite');
  // No exponent notation in PDF.
  return n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function formatName(name: string): string {
  let out = '/';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    out += c < 0x21 || c > 0x7e || c === 0x23 || DELIMITER[c] ? '#' + c.toString(16).padStart(2, '0') : name[i];
  }
  return out;
}

function formatLiteral(bytes: Buffer): string {
  let out = '(';
  for (const c of bytes) {
    if (c === 0x28 || c === 0x29 || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x0d) out += '\\r';
    else out += String.fromCharCode(c);
  }
  return out + ')';
}

/** PDF syntax of `value`, as a latin1 string (one char per byte). */
export function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof PdfName) return formatName(value.name);
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (value instanceof PdfString) return value.hex ? `<${value.bytes.toString('hex')}>` : formatLiteral(value.bytes);
  if (Array.isArray(value)) return '[' + value.map(serialize).join(' ') + ']';
  if (value instanceof Map) {
    let out = '<<';
    for (const [key, item] of value) out += formatName(key) + ' ' + serialize(item);
    return out + '>>';
  }
  throw new Error('streams cannot be written inline');
}

/** PDF text string: PDFDocEncoding-safe ASCII as a literal, anything else UTF-16BE with BOM. */
export function textString(text: string): PdfString {
  if (/^[\x20-\x7e]*$/.test(text)) return new PdfString(Buffer.from(text, 'latin1'));
  const utf16 = Buffer.from('\ufeff' + text, 'utf16le');
  utf16.swap16();
  return new PdfString(utf16, true);
}

/** Decodes a PDF text string (UTF-16BE or UTF-8 with BOM; otherwise PDFDocEncoding ≈ Latin-1). */
export function decodeText(value: PdfValue | undefined): string | null {
  if (!(value instanceof PdfString)) return null;
  const b = value.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const copy = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)));
    copy.swap16();
    return copy.toString('utf16le');
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return b.toString('latin1');
}

export function isName(value: PdfValue | undefined, name: string): boolean {
  return value instanceof PdfName && value.name === name;
}

export function isDict(value: PdfValue | undefined): value is PdfDict {
  return value instanceof Map;
}
