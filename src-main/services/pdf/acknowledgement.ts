/**
 * One-page personalized "acuse de recibo" for batches: thousands of documents that differ only in
 * folio, name and date, signed with the same handwritten ink.
 *
 * Where the time goes and what is done about it (see ARCHITECTURE.md, pdf-lib facts):
 * - Everything that is the same on every page (header, title, closing, the signer's ink, name and
 *   role) is laid out, serialized and deflated ONCE per template into a content stream whose bytes
 *   every document reuses as is. The ink alone is hundreds of curve operators; re-serializing and
 *   re-compressing it per document would dominate the cost.
 * - Standard fonts only (Helvetica, WinAnsi covers Spanish). Metrics and the encoding table are
 *   loaded once per template and cached per character; per document only two tiny font dicts are
 *   written. Text is measured without kerning because Tj does not kern either.
 * - Per document the page's own text is a small uncompressed stream; save() runs with
 *   useObjectStreams: false (no object-stream deflate), addDefaultPage: false,
 *   updateFieldAppearances: false and objectsPerTick: Infinity (pdf-lib otherwise yields to the
 *   event loop with a setTimeout every 50 objects).
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, StandardFontEmbedder, StandardFonts } from 'pdf-lib';
import { decodeBase30 } from '../../../src-shared/signature/base30.js';
import type { InkBox, InkStroke } from '../../../src-shared/signature/ink-geometry.js';
import { formatDate, formatDateLong } from '../../../src-shared/format.js';
import { inkOperators, operatorsToContent } from './ink.js';

export interface AcknowledgementItem {
  folio: string;
  name: string;
  /** What was received, e.g. "la solicitud de registro y sus anexos"; default from the options. */
  concept?: string;
  /** ISO date (yyyy-mm-dd); default from the options. */
  date?: string;
}

export interface AcknowledgementSigner {
  name: string;
  role: string;
  /** Strokes in screen pixels, or the stored jSignature base30 string. */
  strokes: InkStroke[] | string;
}

export interface AcknowledgementOptions {
  /** ISO date (yyyy-mm-dd) printed on every document unless the item has its own. */
  date: string;
  institute?: string;
  area?: string;
  title?: string;
  place?: string;
  concept?: string;
}

/** A per-document problem (bad name, unprintable character…): the message is Spanish. */
export class AcknowledgementError extends Error {
  override readonly name = 'AcknowledgementError';
  readonly code = 'INVALID_ARGUMENT' as const;
}

export interface AcknowledgementTemplate {
  render(item: AcknowledgementItem): Promise<Uint8Array>;
}

const PAGE_W = 612; // US Letter ("carta"), the paper the commission offices print on
const PAGE_H = 792;
const MARGIN = 72;
const TEXT_W = PAGE_W - 2 * MARGIN;
const BODY_SIZE = 11;
const LEADING = 16;
/** Where the dynamic body must end: just above "ATENTAMENTE". */
const BODY_FLOOR = 270;
export const SIGNATURE_BOX: InkBox = { x: (PAGE_W - 220) / 2, y: 158, width: 220, height: 84 };
const MAX_NAME = 160;
const MAX_CONCEPT = 200;

const DEFAULTS = {
  institute: 'INSTITUTO ELECTORAL DE MICHOACÁN',
  title: 'ACUSE DE RECIBO',
  place: 'Morelia, Michoacán',
  concept: 'la solicitud y la documentación anexa',
};

/** pdf-lib's StandardFonts and the embedder's FontNames are the same strings under two enum types. */
function standardEmbedder(font: StandardFonts): StandardFontEmbedder {
  return StandardFontEmbedder.for(font as unknown as Parameters<typeof StandardFontEmbedder.for>[0]);
}

interface Glyphs {
  hex(text: string): string;
  width(text: string, size: number): number;
}

/** WinAnsi code and width per character, computed once per character per worker. */
function glyphTable(embedder: StandardFontEmbedder): Glyphs {
  const cache = new Map<string, { hex: string; w: number }>();
  const lookup = (ch: string): { hex: string; w: number } => {
    let g = cache.get(ch);
    if (!g) {
      let code: number;
      let glyphName: string;
      try {
        const enc = embedder.encoding.encodeUnicodeCodePoint(ch.codePointAt(0)!);
        code = enc.code;
        glyphName = enc.name;
      } catch {
        throw new AcknowledgementError(`El carácter «${ch}» no se puede imprimir con la tipografía del acuse.`);
      }
      g = { hex: code.toString(16).toUpperCase().padStart(2, '0'), w: embedder.font.getWidthOfGlyph(glyphName) ?? 0 };
      cache.set(ch, g);
    }
    return g;
  };
  return {
    hex(text) {
      let out = '';
      for (const ch of text) out += lookup(ch).hex;
      return out;
    },
    width(text, size) {
      let w = 0;
      for (const ch of text) w += lookup(ch).w;
      return (w * size) / 1000;
    },
  };
}

interface Fonts {
  regular: Glyphs;
  bold: Glyphs;
}

type FontKey = 'F1' | 'F2';

/** Small content-stream writer: positions are absolute, text is hex-encoded WinAnsi. */
class Content {
  private parts: string[] = [];
  /** Tw is text state: it outlives ET, so it is tracked and reset rather than set per line. */
  private wordSpacing = 0;
  constructor(private fonts: Fonts) {}

  text(text: string, x: number, y: number, size: number, bold = false, wordSpacing = 0): void {
    const g = bold ? this.fonts.bold : this.fonts.regular;
    const font: FontKey = bold ? 'F2' : 'F1';
    const tw = wordSpacing !== this.wordSpacing ? `${n(wordSpacing)} Tw ` : '';
    this.wordSpacing = wordSpacing;
    this.parts.push(`BT /${font} ${n(size)} Tf ${tw}${n(x)} ${n(y)} Td <${g.hex(text)}> Tj ET`);
  }

  /** One line between the margins; shrunk rather than run off the page when it is too long. */
  centered(text: string, y: number, size: number, bold = false): void {
    const g = bold ? this.fonts.bold : this.fonts.regular;
    const fit = Math.min(size, (size * TEXT_W) / g.width(text, size));
    this.text(text, (PAGE_W - g.width(text, fit)) / 2, y, fit, bold);
  }

  right(text: string, y: number, size: number, bold = false): void {
    const g = bold ? this.fonts.bold : this.fonts.regular;
    const fit = Math.min(size, (size * TEXT_W) / g.width(text, size));
    this.text(text, PAGE_W - MARGIN - g.width(text, fit), y, fit, bold);
  }

  /** Justified paragraph (last line ragged); returns the baseline below the last line. */
  paragraph(text: string, y: number, size = BODY_SIZE, leading = LEADING): number {
    const lines = wrap(text, this.fonts.regular, size, TEXT_W);
    lines.forEach((line, i) => {
      const last = i === lines.length - 1;
      const spaces = line.split(' ').length - 1;
      const slack = TEXT_W - this.fonts.regular.width(line, size);
      // Tw stretches every byte-32 space; a line with little text is left ragged instead of gappy.
      const tw = !last && spaces > 0 && slack < TEXT_W * 0.25 ? slack / spaces : 0;
      this.text(line, MARGIN, y, size, false, tw);
      y -= leading;
    });
    return y;
  }

  raw(ops: string): void {
    this.parts.push(ops);
  }

  toString(): string {
    return this.parts.join('\n') + '\n';
  }
}

function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** Greedy word wrap; a word wider than the line is broken by characters. */
function wrap(text: string, g: Glyphs, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (g.width(candidate, size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (g.width(rest, size) > maxWidth) {
      let cut = rest.length - 1;
      while (cut > 1 && g.width(rest.slice(0, cut), size) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

function cleanText(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string') throw new AcknowledgementError(`Falta ${what}.`);
  const text = value.replace(/\s+/g, ' ').trim();
  if (!text) throw new AcknowledgementError(`${capitalize(what)} está vacío.`);
  if (text.length > max) throw new AcknowledgementError(`${capitalize(what)} es demasiado largo (máximo ${max} caracteres).`);
  return text;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function checkDate(iso: string): void {
  try {
    formatDateLong(iso);
  } catch {
    throw new AcknowledgementError(`La fecha «${iso}» no es válida; use el formato AAAA-MM-DD.`);
  }
}

/**
 * Lays out and compresses everything shared by the batch; `render` then produces one document
 * per item. Throws AcknowledgementError / InkError (Spanish) when the signer or options are invalid.
 */
export function createAcknowledgementTemplate(
  signer: AcknowledgementSigner,
  options: AcknowledgementOptions,
): AcknowledgementTemplate {
  checkDate(options.date);
  const institute = options.institute ?? DEFAULTS.institute;
  const title = options.title ?? DEFAULTS.title;
  const place = options.place ?? DEFAULTS.place;
  const defaultConcept = cleanText(options.concept ?? DEFAULTS.concept, 'el concepto', MAX_CONCEPT);
  const signerName = cleanText(signer.name, 'el nombre de quien firma', MAX_NAME);
  const signerRole = cleanText(signer.role, 'el cargo de quien firma', MAX_CONCEPT);
  const strokes = typeof signer.strokes === 'string' ? decodeBase30(signer.strokes) : signer.strokes;

  const regularEmbedder = standardEmbedder(StandardFonts.Helvetica);
  const boldEmbedder = standardEmbedder(StandardFonts.HelveticaBold);
  const fonts: Fonts = { regular: glyphTable(regularEmbedder), bold: glyphTable(boldEmbedder) };

  // The part every document shares.
  const page = new Content(fonts);
  page.centered(institute, PAGE_H - 58, 14, true);
  if (options.area) page.centered(options.area, PAGE_H - 76, 9.5);
  page.raw(`0.55 0.1 0.35 RG 1.5 w ${MARGIN} ${PAGE_H - 88} m ${PAGE_W - MARGIN} ${PAGE_H - 88} l S 0 G`);
  page.centered(title, PAGE_H - 176, 15, true);
  page.centered('ATENTAMENTE', BODY_FLOOR - 12, 11, true);
  page.raw(operatorsToContent(inkOperators(strokes, SIGNATURE_BOX)));
  const lineY = SIGNATURE_BOX.y - 6;
  page.raw(`0.5 w ${n(SIGNATURE_BOX.x - 20)} ${lineY} m ${n(SIGNATURE_BOX.x + SIGNATURE_BOX.width + 20)} ${lineY} l S`);
  let y = lineY - 16;
  for (const line of wrap(signerName, fonts.bold, 10.5, 300)) {
    page.centered(line, y, 10.5, true);
    y -= 13;
  }
  for (const line of wrap(signerRole, fonts.regular, 9.5, 300)) {
    page.centered(line, y, 9.5);
    y -= 12;
  }
  // q/Q: the page's own stream follows this one and must start from the default state.
  const sharedText = `q\n${page.toString()}Q\n`;
  // Compressed once: every document points at these same bytes.
  const sharedBytes = deflateSync(Buffer.from(sharedText, 'latin1'), { level: 9 });

  const fontDicts = [
    ['F1', regularEmbedder],
    ['F2', boldEmbedder],
  ] as const;

  return {
    async render(item) {
      const folio = cleanText(item.folio, 'el folio', 64);
      const name = cleanText(item.name, 'el nombre del solicitante', MAX_NAME);
      const concept = item.concept === undefined ? defaultConcept : cleanText(item.concept, 'el concepto', MAX_CONCEPT);
      const date = item.date ?? options.date;
      checkDate(date);

      const own = new Content(fonts);
      own.right(`Folio: ${folio}`, PAGE_H - 114, 10, true);
      own.right(`${place}, a ${formatDateLong(date)}`, PAGE_H - 129, 10);
      let y = PAGE_H - 222;
      for (const line of wrap(`C. ${name.toLocaleUpperCase('es-MX')}`, fonts.bold, BODY_SIZE, TEXT_W)) {
        own.text(line, MARGIN, y, BODY_SIZE, true);
        y -= LEADING;
      }
      own.text('P R E S E N T E', MARGIN, y, BODY_SIZE, true);
      y -= LEADING * 2;
      y = own.paragraph(
        `Por medio del presente, el Instituto Electoral de Michoacán hace constar que el ${formatDate(date)} ` +
          `recibió de ${name} ${concept}, a la que se asignó el folio ${folio}.`,
        y,
      );
      y -= LEADING / 2;
      y = own.paragraph(
        'La recepción no prejuzga sobre el contenido de lo presentado ni sobre el cumplimiento de los requisitos, ' +
          'que se verificarán en los términos de la normativa aplicable. Conserve este acuse: el folio le permite ' +
          'dar seguimiento a su trámite.',
        y,
      );
      if (y + LEADING < BODY_FLOOR + 12) {
        throw new AcknowledgementError('El texto del acuse no cabe en una página; abrevie el nombre o el concepto.');
      }
      own.raw('0.4 g');
      own.centered(`Acuse generado con Sesiona · ${title} · folio ${folio}`, 40, 7.5);

      const doc = await PDFDocument.create({ updateMetadata: false });
      const ctx = doc.context;
      const pdfPage = doc.addPage([PAGE_W, PAGE_H]);
      for (const [key, embedder] of fontDicts) pdfPage.node.setFontDictionary(PDFName.of(key), embedder.embedIntoContext(ctx));
      const shared = ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode' }), sharedBytes));
      const mine = ctx.register(ctx.stream(own.toString()));
      pdfPage.node.set(PDFName.of('Contents'), ctx.obj([shared, mine]));
      doc.setTitle(`${title} — folio ${folio}`);
      doc.setProducer('Sesiona');
      doc.setCreator('Sesiona');
      return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
    },
  };
}
