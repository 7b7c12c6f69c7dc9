/**
 * Appends one page to a PDF as an incremental update (ISO 32000-1 §7.5.6): the input bytes stay
 * an exact prefix of the output. The update holds the new page, its content stream, any extra
 * stream objects the caller needs, a new version of the page-tree root (Kids + Count) and of the
 * catalog (with extra entries), and a cross-reference section of the same kind as the previous
 * one (table or stream) whose /Prev points at it.
 */
import { deflateSync } from 'node:zlib';
import { AppError } from '../../../src-shared/contract/errors.js';
import { PdfReader, withPdfErrors, finishUpdate, Update, PdfName, PdfRef, serialize, type PdfDict, type PdfValue } from '../pdfsign/index.js';

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

    finishUpdate(update, reader, catalog.ref, next, xrefRef);
    return Buffer.concat([pdf, ...update.parts], update.length);
  });
}
