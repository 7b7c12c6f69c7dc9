/**
 * Appends one page to a PDF as an incremental update (ISO 32000-1 §7.5.6): the input bytes stay
 * an exact prefix of the output. The update holds the new page, its content stream, any extra
 * stream objects the caller needs, a new version of the page-tree root (Kids + Count) and of the
 * catalog (with extra entries), and a cross-reference section of the same kind as the previous
 * one (table or stream) whose /Prev points at it.
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { AppError } from '../../../src-shared/contract/errors.js';
import { PdfReader, withPdfErrors } from '../pdfsign/reader.js';
import { PdfName, PdfRef, PdfString, serialize, type PdfDict, type PdfValue } from '../pdfsign/syntax.js';

export type Box = [number, number, number, number];

export interface NewPage {
  mediaBox: Box;
  /** Content-stream operators; written Flate-compressed. */
  content: Buffer;
  /** Resource name → standard Type1 font name (e.g. { F1: 'Helvetica' }), WinAnsiEncoding. */
  fonts: Record<string, string>;
  /** Extra stream objects; their references are passed to `catalogEntries`, in order. */
  streams?: { dict?: PdfDict; data: Buffer }[];
  /** Entries added to (or replacing those of) the catalog. */
  catalogEntries?: (streamRefs: PdfRef[]) => PdfDict;
}

const LETTER: Box = [0, 0, 612, 792];

function asBox(value: PdfValue | undefined): Box | undefined {
  if (!Array.isArray(value) || value.length !== 4 || !value.every((n) => typeof n === 'number')) return undefined;
  return value as Box;
}

/** Media box of the last page (inherited through the page tree), letter size if none. */
export function lastPageBox(reader: PdfReader): Box {
  const pages = reader.pages();
  let node = pages[pages.length - 1]?.dict;
  for (let depth = 0; node && depth < 64; depth++) {
    const box = asBox(reader.resolve(node.get('MediaBox')));
    if (box) return box;
    node = reader.dict(node.get('Parent'));
  }
  return LETTER;
}

class Update {
  readonly parts: Buffer[] = [];
  readonly objects = new Map<number, { offset: number; gen: number }>();
  length: number;

  constructor(base: number) {
    this.length = base;
  }

  add(data: string | Buffer): number {
    const at = this.length;
    const buf = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.parts.push(buf);
    this.length += buf.length;
    return at;
  }

  object(ref: PdfRef, body: string): void {
    this.objects.set(ref.num, { offset: this.add(`${ref.num} ${ref.gen} obj\n`), gen: ref.gen });
    this.add(body);
    this.add('\nendobj\n');
  }

  stream(ref: PdfRef, dict: PdfDict, data: Buffer): void {
    const full: PdfDict = new Map(dict);
    full.set('Length', data.length);
    this.objects.set(ref.num, { offset: this.add(`${ref.num} ${ref.gen} obj\n${serialize(full)}\nstream\n`), gen: ref.gen });
    this.add(data);
    this.add('\nendstream\nendobj\n');
  }
}

function groups(nums: number[]): [number, number[]][] {
  const out: [number, number[]][] = [];
  for (const num of [...nums].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1].length === num) last[1].push(num);
    else out.push([num, [num]]);
  }
  return out;
}

/** Returns `pdf` followed by an incremental update that adds `page` as the last page. */
export function appendPage(pdf: Buffer, page: NewPage): Buffer {
  const reader = PdfReader.open(pdf);
  return withPdfErrors(() => {
    if (reader.trailer.has('Encrypt')) {
      throw new AppError('INVALID_ARGUMENT', 'El PDF está protegido con contraseña o cifrado; no se le puede agregar la hoja de sellado.');
    }
    const catalog = reader.catalog();
    const pagesRef = catalog.dict.get('Pages');
    const pagesDict = reader.dict(pagesRef);
    if (!(pagesRef instanceof PdfRef) || !pagesDict) throw new AppError('INVALID_ARGUMENT', 'El PDF no tiene un árbol de páginas legible.');
    const kids = reader.resolve(pagesDict.get('Kids'));
    const count = reader.resolve(pagesDict.get('Count'));

    let next = reader.size;
    const pageRef = new PdfRef(next++, 0);
    const contentRef = new PdfRef(next++, 0);
    const streamRefs = (page.streams ?? []).map(() => new PdfRef(next++, 0));
    const xrefRef = reader.sections[0]?.kind === 'stream' ? new PdfRef(next++, 0) : undefined;

    const update = new Update(pdf.length);
    const last = pdf[pdf.length - 1];
    if (last !== 0x0a && last !== 0x0d) update.add('\n');

    const fonts: PdfDict = new Map();
    for (const [name, base] of Object.entries(page.fonts)) {
      fonts.set(
        name,
        new Map<string, PdfValue>([
          ['Type', new PdfName('Font')],
          ['Subtype', new PdfName('Type1')],
          ['BaseFont', new PdfName(base)],
          ['Encoding', new PdfName('WinAnsiEncoding')],
        ]),
      );
    }
    const pageDict: PdfDict = new Map<string, PdfValue>([
      ['Type', new PdfName('Page')],
      ['Parent', pagesRef],
      ['MediaBox', page.mediaBox],
      ['Resources', new Map<string, PdfValue>([['Font', fonts], ['ProcSet', [new PdfName('PDF'), new PdfName('Text')]]])],
      ['Contents', contentRef],
    ]);
    update.object(pageRef, serialize(pageDict));
    update.stream(contentRef, new Map([['Filter', new PdfName('FlateDecode')]]), deflateSync(page.content));
    (page.streams ?? []).forEach((s, i) => update.stream(streamRefs[i] as PdfRef, s.dict ?? new Map(), s.data));

    const newPages: PdfDict = new Map(pagesDict);
    newPages.set('Kids', [...(Array.isArray(kids) ? kids : []), pageRef]);
    newPages.set('Count', (typeof count === 'number' ? count : reader.pages().length) + 1);
    update.object(pagesRef, serialize(newPages));

    const newCatalog: PdfDict = new Map(catalog.dict);
    for (const [key, value] of page.catalogEntries?.(streamRefs) ?? []) newCatalog.set(key, value);
    update.object(catalog.ref, serialize(newCatalog));

    const trailer: PdfDict = new Map<string, PdfValue>([
      ['Size', next],
      ['Root', catalog.ref],
    ]);
    const info = reader.trailer.get('Info');
    if (info !== undefined) trailer.set('Info', info);
    const id = reader.trailer.get('ID');
    const fresh = new PdfString(randomBytes(16), true);
    trailer.set('ID', [Array.isArray(id) && id[0] instanceof PdfString ? id[0] : fresh, fresh]);
    trailer.set('Prev', (reader.sections[0] as { offset: number }).offset);

    if (xrefRef) {
      const offset = update.length;
      update.objects.set(xrefRef.num, { offset, gen: 0 });
      const sections = groups([...update.objects.keys()]);
      const rows = Buffer.alloc(update.objects.size * 7);
      let pos = 0;
      for (const [, nums] of sections) {
        for (const num of nums) {
          rows[pos] = 1;
          const entry = update.objects.get(num) as { offset: number; gen: number };
          rows.writeUInt32BE(entry.offset, pos + 1);
          rows.writeUInt16BE(entry.gen, pos + 5);
          pos += 7;
        }
      }
      const dict: PdfDict = new Map<string, PdfValue>([
        ['Type', new PdfName('XRef')],
        ['W', [1, 4, 2]],
        ['Index', sections.flatMap(([start, nums]) => [start, nums.length])],
        ...trailer,
        ['Length', rows.length],
      ]);
      update.add(`${xrefRef.num} 0 obj\n${serialize(dict)}\nstream\n`);
      update.add(rows);
      update.add(`\nendstream\nendobj\nstartxref\n${offset}\n%%EOF\n`);
    } else {
      const at = update.add('xref\n');
      let text = '';
      for (const [start, nums] of groups([...update.objects.keys()])) {
        text += `${start} ${nums.length}\n`;
        for (const num of nums) {
          const entry = update.objects.get(num) as { offset: number; gen: number };
          text += `${String(entry.offset).padStart(10, '0')} ${String(entry.gen).padStart(5, '0')} n\r\n`;
        }
      }
      update.add(`${text}trailer\n${serialize(trailer)}\nstartxref\n${at}\n%%EOF\n`);
    }
    return Buffer.concat([pdf, ...update.parts], update.length);
  });
}
