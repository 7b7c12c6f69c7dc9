/**
 * Reads a PDF the way a viewer does — from the last startxref back through every /Prev — so
 * that objects rewritten by incremental updates, object streams and cross-reference streams
 * resolve to their newest version. Any earlier revision can be viewed as of its own xref.
 */
import { AppError } from '../../../src-shared/contract/errors.js';
import { decodeStream, PdfLimitError, UnsupportedFilterError } from './filters.js';
import { isDict, isName, Parser, PdfRef, PdfStream, PdfSyntaxError, type PdfDict, type PdfValue } from './syntax.js';

export type XrefEntry =
  | { kind: 'free' }
  | { kind: 'offset'; offset: number; gen: number }
  | { kind: 'compressed'; stream: number; index: number };

export interface XrefSection {
  /** Offset of the `xref` keyword or of the xref stream object. */
  offset: number;
  kind: 'table' | 'stream';
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
}

/** Structural problem in the file; turned into an AppError at the public boundary. */
export class PdfFormatError extends Error {}

interface ObjectStream {
  data: Buffer;
  first: number;
  offsets: Map<number, number>;
}

interface Shared {
  buf: Buffer;
  sections: XrefSection[];
  objectStreams: Map<string, ObjectStream>;
  scanned?: Map<number, number>;
}

export const NOT_A_PDF = 'El archivo no es un PDF válido.';

/**
 * Parse limits for files from elsewhere. An acta with a hundred signatures has about a hundred
 * revisions and a few thousand objects; these leave ample room and still bound time and memory.
 */
export const LIMITS = {
  /** Revisions (xref sections) followed through /Prev. */
  revisions: 1_000,
  /** Cross-reference entries over all revisions. */
  objects: 1_000_000,
  /** Objects declared by one object stream. */
  objectStreamObjects: 100_000,
};

/** True when the bytes start like a PDF (the header may follow up to 1 KB of junk). */
export function looksLikePdf(buf: Buffer): boolean {
  const at = buf.indexOf('%PDF-', 0, 'latin1');
  return at >= 0 && at < 1024;
}

export function lastStartXref(buf: Buffer, before = buf.length): number {
  const at = buf.lastIndexOf('startxref', before, 'latin1');
  if (at < 0) throw new PdfFormatError('no startxref');
  const m = /^startxref\s+(\d+)/.exec(buf.toString('latin1', at, at + 40));
  if (!m) throw new PdfFormatError('bad startxref');
  return Number(m[1]);
}

function toInt(value: PdfValue | undefined, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new PdfFormatError(`bad ${what}`);
  return value;
}

function readTable(buf: Buffer, offset: number): XrefSection {
  const p = new Parser(buf, offset);
  p.expectKeyword('xref');
  const entries = new Map<number, XrefEntry>();
  while (p.peekToken() !== 'trailer') {
    const start = toInt(p.parseValue(), 'xref subsection');
    const count = toInt(p.parseValue(), 'xref subsection');
    if (entries.size + count > LIMITS.objects) throw new PdfLimitError(`más de ${LIMITS.objects} objetos`);
    let base = start;
    for (let i = 0; i < count; i++) {
      const fieldOffset = toInt(p.parseValue(), 'xref entry');
      const gen = toInt(p.parseValue(), 'xref entry');
      const type = p.peekToken();
      if (type !== 'n' && type !== 'f') throw new PdfFormatError('bad xref entry type');
      p.pos += 1;
      // A classic writer bug: a table starting at 1 whose first row is the free head (object 0).
      if (i === 0 && start === 1 && type === 'f' && fieldOffset === 0 && gen === 65535) base = 0;
      const num = base + i;
      if (!entries.has(num)) entries.set(num, type === 'n' ? { kind: 'offset', offset: fieldOffset, gen } : { kind: 'free' });
    }
  }
  p.expectKeyword('trailer');
  const trailer = p.parseValue();
  if (!isDict(trailer)) throw new PdfFormatError('trailer is not a dictionary');
  return { offset, kind: 'table', entries, trailer };
}

function readXrefStream(buf: Buffer, offset: number): XrefSection {
  const { value } = new Parser(buf, offset).parseIndirect();
  if (!(value instanceof PdfStream) || !isName(value.dict.get('Type'), 'XRef')) throw new PdfFormatError('startxref points at no xref');
  const dict = value.dict;
  const widths = dict.get('W');
  if (!Array.isArray(widths) || widths.length < 3) throw new PdfFormatError('bad /W');
  const [w0, w1, w2] = widths.map((w) => toInt(w, '/W')) as [number, number, number];
  const size = toInt(dict.get('Size'), '/Size');
  const index = dict.get('Index');
  const ranges = Array.isArray(index) ? index.map((v) => toInt(v, '/Index')) : [0, size];
  const data = decodeStream(value);
  const rowLength = w0 + w1 + w2;
  const field = (pos: number, width: number): number => {
    let v = 0;
    for (let i = 0; i < width; i++) v = v * 256 + (data[pos + i] as number);
    return v;
  };
  const entries = new Map<number, XrefEntry>();
  let pos = 0;
  if (rowLength === 0) throw new PdfFormatError('bad /W');
  if (data.length / rowLength > LIMITS.objects) throw new PdfLimitError(`más de ${LIMITS.objects} objetos`);
  for (let r = 0; r + 1 < ranges.length; r += 2) {
    const start = ranges[r] as number;
    const count = ranges[r + 1] as number;
    for (let i = 0; i < count && pos + rowLength <= data.length; i++, pos += rowLength) {
      const type = w0 === 0 ? 1 : field(pos, w0);
      const a = field(pos + w0, w1);
      const b = field(pos + w0 + w1, w2);
      if (type === 0) entries.set(start + i, { kind: 'free' });
      else if (type === 1) entries.set(start + i, { kind: 'offset', offset: a, gen: b });
      else if (type === 2) entries.set(start + i, { kind: 'compressed', stream: a, index: b });
    }
  }
  return { offset, kind: 'stream', entries, trailer: dict };
}

function readSection(buf: Buffer, offset: number): XrefSection {
  if (offset >= buf.length) throw new PdfFormatError('xref offset beyond the end of the file');
  const p = new Parser(buf, offset);
  if (p.peekToken() === 'xref') {
    const table = readTable(buf, offset);
    const hybrid = table.trailer.get('XRefStm');
    if (typeof hybrid === 'number') {
      // Hybrid file: table rows win over the stream's, both over /Prev.
      const stream = readXrefStream(buf, hybrid);
      for (const [num, entry] of stream.entries) if (!table.entries.has(num)) table.entries.set(num, entry);
    }
    return table;
  }
  return readXrefStream(buf, offset);
}

/** Every xref section, newest first. */
export function readXrefChain(buf: Buffer): XrefSection[] {
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  let offset: number | undefined = lastStartXref(buf);
  let objects = 0;
  while (offset !== undefined) {
    if (seen.has(offset)) throw new PdfFormatError('/Prev loop');
    if (sections.length >= LIMITS.revisions) throw new PdfLimitError(`más de ${LIMITS.revisions} revisiones`);
    seen.add(offset);
    const section = readSection(buf, offset);
    objects += section.entries.size;
    if (objects > LIMITS.objects) throw new PdfLimitError(`más de ${LIMITS.objects} objetos`);
    sections.push(section);
    const prev = section.trailer.get('Prev');
    offset = typeof prev === 'number' ? prev : undefined;
  }
  return sections;
}

function damaged(detail: string): AppError {
  return new AppError('INVALID_ARGUMENT', `El PDF está dañado o tiene una estructura no compatible (${detail}).`);
}

/** Runs `fn`, turning structural errors into a Spanish AppError. */
export function withPdfErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof PdfLimitError) throw new AppError('INVALID_ARGUMENT', `El PDF excede los límites de lectura de Sesiona (${err.message}); no se verificó.`);
    if (err instanceof PdfFormatError || err instanceof PdfSyntaxError || err instanceof UnsupportedFilterError) throw damaged(err.message);
    if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('Z_')) throw damaged('zlib');
    throw err;
  }
}

export class PdfReader {
  readonly trailer: PdfDict;
  private readonly cache = new Map<number, PdfValue | undefined>();

  private constructor(
    private readonly shared: Shared,
    /** Index into `sections` (0 = newest) this view sees the document at. */
    readonly revision: number,
  ) {
    this.trailer = (shared.sections[revision] as XrefSection).trailer;
  }

  /** Parses the xref chain; throws AppError with a Spanish message on anything unreadable. */
  static open(buf: Buffer): PdfReader {
    if (!looksLikePdf(buf)) throw new AppError('INVALID_ARGUMENT', NOT_A_PDF);
    return withPdfErrors(() => new PdfReader({ buf, sections: readXrefChain(buf), objectStreams: new Map() }, 0));
  }

  get buf(): Buffer {
    return this.shared.buf;
  }

  get sections(): readonly XrefSection[] {
    return this.shared.sections;
  }

  /** The document as its `revision`-th newest xref section describes it. */
  at(revision: number): PdfReader {
    return revision === this.revision ? this : new PdfReader(this.shared, revision);
  }

  /** The newest entry for `num` at this view's revision (views share the sections, not copies). */
  entry(num: number): XrefEntry | undefined {
    const { sections } = this.shared;
    for (let i = this.revision; i < sections.length; i++) {
      const found = (sections[i] as XrefSection).entries.get(num);
      if (found) return found;
    }
    return undefined;
  }

  /** Object numbers in use (not free) in this view. */
  get size(): number {
    const declared = this.trailer.get('Size');
    let max = 0;
    const { sections } = this.shared;
    for (let i = this.revision; i < sections.length; i++) for (const num of (sections[i] as XrefSection).entries.keys()) max = Math.max(max, num + 1);
    return Math.max(typeof declared === 'number' ? declared : 0, max);
  }

  object(num: number): PdfValue | undefined {
    if (this.cache.has(num)) return this.cache.get(num);
    this.cache.set(num, undefined); // breaks reference cycles through /Length
    const value = this.load(num);
    this.cache.set(num, value);
    return value;
  }

  resolve(value: PdfValue | undefined): PdfValue | undefined {
    let v = value;
    for (let hops = 0; v instanceof PdfRef && hops < 32; hops++) v = this.object(v.num);
    return v instanceof PdfRef ? undefined : v;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const v = this.resolve(value);
    if (isDict(v)) return v;
    if (v instanceof PdfStream) return v.dict;
    return undefined;
  }

  catalog(): { ref: PdfRef; dict: PdfDict } {
    const ref = this.trailer.get('Root');
    const dict = this.dict(ref);
    if (!(ref instanceof PdfRef) || !dict) throw damaged('no /Root');
    return { ref, dict };
  }

  /** Page objects in document order. */
  pages(): { ref: PdfRef; dict: PdfDict }[] {
    const out: { ref: PdfRef; dict: PdfDict }[] = [];
    const seen = new Set<number>();
    const walk = (ref: PdfValue | undefined, depth: number): void => {
      if (!(ref instanceof PdfRef) || seen.has(ref.num) || depth > 64) return;
      seen.add(ref.num);
      const node = this.dict(ref);
      if (!node) return;
      const kids = this.resolve(node.get('Kids'));
      if (isName(node.get('Type'), 'Pages') || (Array.isArray(kids) && !isName(node.get('Type'), 'Page'))) {
        if (Array.isArray(kids)) for (const kid of kids) walk(kid, depth + 1);
      } else {
        out.push({ ref, dict: node });
      }
    };
    walk(this.catalog().dict.get('Pages'), 0);
    return out;
  }

  private parser(buf: Buffer, pos: number): Parser {
    return new Parser(buf, pos, (ref) => {
      const v = this.object(ref.num);
      return typeof v === 'number' ? v : undefined;
    });
  }

  private load(num: number): PdfValue | undefined {
    const entry = this.entry(num);
    if (!entry || entry.kind === 'free') return undefined;
    if (entry.kind === 'compressed') return this.loadCompressed(num, entry.stream);
    try {
      const found = this.parser(this.buf, entry.offset).parseIndirect();
      if (found.num === num) return found.value;
    } catch (err) {
      if (!(err instanceof PdfSyntaxError)) throw err;
    }
    // Offsets that miss their object are common in hand-edited files; find it by scanning.
    const offset = this.scan().get(num);
    return offset === undefined ? undefined : this.parser(this.buf, offset).parseIndirect().value;
  }

  private scan(): Map<number, number> {
    if (!this.shared.scanned) {
      const found = new Map<number, number>();
      const text = this.buf.toString('latin1');
      for (const m of text.matchAll(/(?<![0-9])(\d+)[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]+obj\b/g)) found.set(Number(m[1]), m.index);
      this.shared.scanned = found;
    }
    return this.shared.scanned;
  }

  private loadCompressed(num: number, streamNum: number): PdfValue | undefined {
    const streamEntry = this.entry(streamNum);
    if (!streamEntry || streamEntry.kind !== 'offset') throw new PdfFormatError(`object stream ${streamNum} missing`);
    const key = `${streamNum}@${streamEntry.offset}`;
    let objStm = this.shared.objectStreams.get(key);
    if (!objStm) {
      const stream = this.object(streamNum);
      if (!(stream instanceof PdfStream)) throw new PdfFormatError(`object stream ${streamNum} is not a stream`);
      const data = decodeStream(stream);
      const n = toInt(stream.dict.get('N'), '/N');
      if (n > LIMITS.objectStreamObjects) throw new PdfLimitError(`un flujo de objetos declara más de ${LIMITS.objectStreamObjects} objetos`);
      const first = toInt(stream.dict.get('First'), '/First');
      const header = new Parser(data, 0);
      const offsets = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const objNum = toInt(header.parseValue(), 'object stream header');
        const objOffset = toInt(header.parseValue(), 'object stream header');
        if (!offsets.has(objNum)) offsets.set(objNum, objOffset);
      }
      objStm = { data, first, offsets };
      this.shared.objectStreams.set(key, objStm);
    }
    // Looked up by number rather than by the xref's index: the header is authoritative.
    const offset = objStm.offsets.get(num);
    if (offset === undefined) return undefined;
    return new Parser(objStm.data, objStm.first + offset).parseValue();
  }
}
