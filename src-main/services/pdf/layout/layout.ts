import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { embedFonts, type Fonts } from './fonts.js';
import type { Letterhead } from './letterhead.js';

/**
 * Flowing Letter-size layout over pdf-lib, shared by every generated document (convocatoria,
 * acta, lineamiento, informe, programa): DejaVu embedded once per document, wrapped text,
 * tables whose rows continue on the next page under a repeated header, landscape pages for wide
 * tables, a table of contents, and the letterhead (institute's name, offices in the footer,
 * "Página N de M") drawn once the page count is known.
 */
export const LETTER = { width: 612, height: 792 } as const;
const MARGIN_X = 72;
const MARGIN_X_LANDSCAPE = 48;
/** Room kept for the letterhead footer and the page number. */
const FOOTER_H = 86;

const INK = rgb(0, 0, 0);
const ACCENT = rgb(0.42, 0.12, 0.37);
const GRID = rgb(0.45, 0.45, 0.48);
const HEADER_FILL = rgb(0.86, 0.8, 0.86);
const GREY = rgb(0.35, 0.35, 0.35);

/**
 * How a family of documents wears the letterhead. Actas, convocatorias and lineamientos carry the
 * logo and the institute's name; the informes and programas, as the seeds print them, only a
 * small name over a rule, which leaves more room for their long tables.
 */
export interface LayoutStyle {
  header: 'logo' | 'line';
  marginTop: number;
  /** Size of a heading with no level given, and of a level-1 heading. */
  headingSize: number;
  /** Room a heading needs below it, so it is never left alone at the foot of a page. */
  headingKeep: number;
  /** Signature boxes: a framed rectangle to sign in, or the seeds' line with the name under it. */
  signature: 'box' | 'line';
}

export const DOCUMENT_STYLE: LayoutStyle = { header: 'logo', marginTop: 100, headingSize: 11.5, headingKeep: 50, signature: 'box' };
export const REPORT_STYLE: LayoutStyle = { header: 'line', marginTop: 66, headingSize: 12.5, headingKeep: 60, signature: 'line' };

export interface Column {
  header: string;
  /** Relative width; the table takes the full text width. */
  width: number;
  align?: 'left' | 'center';
}

export interface TableOptions {
  size?: number;
  headerSize?: number;
  /** A header row above the column headers spanning columns [from, to] (e.g. "PROGRAMACIÓN" over Ene…Dic). */
  span?: { label: string; from: number; to: number };
  /** Cells drawn bold (e.g. the first column of a glossary). */
  boldColumns?: number[];
}

export interface Word {
  text: string;
  bold?: boolean;
}

export interface ParagraphOptions {
  size?: number;
  bold?: boolean;
  indent?: number;
  align?: 'left' | 'center' | 'justify';
  gap?: number;
  color?: ReturnType<typeof rgb>;
}

export interface TocEntry {
  title: string;
  level: number;
  /** Zero-based index of the page in creation order (before the table of contents is inserted). */
  pageIndex: number;
}

/** An image already embedded in the document (evidence photographs). */
export interface EmbeddedImage {
  width: number;
  height: number;
  draw(page: PDFPage, x: number, y: number, w: number, h: number): void;
}

export type Rect = [number, number, number, number];

export interface SignatureSlot {
  index: number;
  page: number;
  rect: Rect;
}

export class Layout {
  page!: PDFPage;
  y = 0;
  readonly toc: TocEntry[] = [];
  private readonly widths = new Map<PDFFont, Map<string, number>>();
  private created = 0;
  private logo: PDFImage | null = null;

  private constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    private readonly letterhead: Letterhead,
    private readonly style: LayoutStyle,
  ) {}

  /** A new document with its first page started. */
  static async create(title: string, letterhead: Letterhead, style: LayoutStyle = DOCUMENT_STYLE): Promise<Layout> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(title);
    doc.setProducer('Sesiona');
    doc.setCreator('Sesiona');
    doc.setLanguage('es-MX');
    const layout = new Layout(doc, await embedFonts(doc), letterhead, style);
    if (letterhead.logo && style.header === 'logo') {
      const bytes = letterhead.logo;
      const png = bytes[0] === 0x89 && bytes[1] === 0x50;
      layout.logo = await (png ? doc.embedPng(bytes) : doc.embedJpg(bytes)).catch(() => null);
    }
    layout.newPage();
    return layout;
  }

  get pageIndex(): number {
    return this.created - 1;
  }

  private get landscape(): boolean {
    return this.page.getWidth() > this.page.getHeight();
  }

  /** Landscape pages hold wide tables (the cronogramas), so their side margins are narrower. */
  get left(): number {
    return this.landscape ? MARGIN_X_LANDSCAPE : MARGIN_X;
  }

  get textWidth(): number {
    return this.page.getWidth() - 2 * this.left;
  }

  get bottom(): number {
    return FOOTER_H;
  }

  newPage(landscape = false): void {
    this.page = this.doc.addPage(landscape ? [LETTER.height, LETTER.width] : [LETTER.width, LETTER.height]);
    this.created++;
    this.y = this.page.getHeight() - this.style.marginTop;
  }

  /** Starts a page of the other orientation only when needed; keeps flowing otherwise. */
  ensureOrientation(landscape: boolean): void {
    if (this.landscape !== landscape) this.newPage(landscape);
  }

  ensure(height: number): void {
    if (this.y - height < this.bottom) this.newPage(this.landscape);
  }

  space(h: number): void {
    this.y -= h;
  }

  /** Text widths are measured once per font and string: long tables repeat the same cells. */
  width(text: string, font: PDFFont, size: number): number {
    let cache = this.widths.get(font);
    if (!cache) this.widths.set(font, (cache = new Map()));
    let w = cache.get(text);
    if (w === undefined) {
      w = font.widthOfTextAtSize(text, 1000);
      cache.set(text, w);
    }
    return (w * size) / 1000;
  }

  private font(bold: boolean | undefined): PDFFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  /** Greedy word wrap over words that each keep their weight; a word wider than the line is cut. */
  wrapWords(words: Word[], size: number, maxWidth: number): Word[][] {
    const lines: Word[][] = [];
    let line: Word[] = [];
    let lineW = 0;
    for (const raw of words) {
      const font = this.font(raw.bold);
      const space = this.width(' ', font, size);
      for (const piece of this.cut(raw.text, font, size, maxWidth)) {
        const w = this.width(piece, font, size);
        if (line.length && lineW + space + w > maxWidth) {
          lines.push(line);
          line = [];
          lineW = 0;
        }
        lineW += (line.length ? space : 0) + w;
        line.push(raw.bold ? { text: piece, bold: true } : { text: piece });
      }
    }
    lines.push(line);
    return lines;
  }

  /**
   * Plain text in one font, wrapped into lines; each "\n" starts a new line. Kept apart from
   * `wrapWords` because table cells call it thousands of times and strings are cheaper than words.
   */
  wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
    const out: string[] = [];
    const space = this.width(' ', font, size);
    for (const paragraph of text.split('\n')) {
      let line = '';
      let lineW = 0;
      for (const raw of paragraph.split(/\s+/)) {
        if (!raw) continue;
        for (const word of this.cut(raw, font, size, maxWidth)) {
          const w = this.width(word, font, size);
          if (line && lineW + space + w > maxWidth) {
            out.push(line);
            line = word;
            lineW = w;
          } else {
            lineW = line ? lineW + space + w : w;
            line = line ? `${line} ${word}` : word;
          }
        }
      }
      out.push(line);
    }
    return out;
  }

  private cut(word: string, font: PDFFont, size: number, maxWidth: number): string[] {
    if (this.width(word, font, size) <= maxWidth) return [word];
    const parts: string[] = [];
    let current = '';
    for (const ch of word) {
      if (current && this.width(current + ch, font, size) > maxWidth) {
        parts.push(current);
        current = ch;
      } else current += ch;
    }
    if (current) parts.push(current);
    return parts;
  }

  text(line: string, x: number, y: number, size: number, font: PDFFont = this.fonts.regular, color = INK): void {
    if (line) this.page.drawText(line, { x, y, size, font, color });
  }

  paragraph(text: string, opts: ParagraphOptions = {}): void {
    for (const para of text.split(/\n{2,}/)) {
      const words = para
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((t) => (opts.bold ? { text: t, bold: true } : { text: t }));
      this.words(words, opts);
    }
  }

  /** A paragraph of words that may mix regular and bold (rich text from the editor). */
  words(words: Word[], opts: ParagraphOptions = {}): void {
    const size = opts.size ?? 10.5;
    const indent = opts.indent ?? 0;
    const leading = size * 1.42;
    const max = this.textWidth - indent;
    const lines = this.wrapWords(words, size, max);
    lines.forEach((line, i) => {
      this.ensure(leading);
      const baseline = this.y - size;
      const widths = line.map((w) => this.width(w.text, this.font(w.bold), size));
      const used = widths.reduce((s, w) => s + w, 0);
      const space = this.width(' ', this.font(opts.bold), size);
      const natural = used + space * Math.max(0, line.length - 1);
      let x = this.left + indent;
      if (opts.align === 'center') x = (this.page.getWidth() - natural) / 2;
      const last = i === lines.length - 1;
      if (opts.align === 'justify' && !last && line.length > 1) {
        const gap = (max - used) / (line.length - 1);
        line.forEach((w, j) => {
          this.text(w.text, x, baseline, size, this.font(w.bold), opts.color);
          x += widths[j]! + gap;
        });
      } else {
        // Runs of one weight go out as one string: fewer operators, and copied text keeps its spaces.
        let j = 0;
        while (j < line.length) {
          let k = j;
          while (k + 1 < line.length && !line[k + 1]!.bold === !line[j]!.bold) k++;
          const run = line.slice(j, k + 1).map((w) => w.text).join(' ');
          const font = this.font(line[j]!.bold);
          this.text(run, x, baseline, size, font, opts.color);
          x += this.width(run, font, size) + this.width(' ', font, size);
          j = k + 1;
        }
      }
      this.y -= leading;
    });
    this.y -= opts.gap ?? 6;
  }

  /**
   * A heading kept with a few lines of what follows. With `level`, it is listed in `toc` for
   * the table of contents (unless `toc: false`).
   */
  heading(title: string, opts: { level?: number; size?: number; toc?: boolean; center?: boolean; tocTitle?: string } = {}): void {
    const level = opts.level ?? 1;
    const size = opts.size ?? (level === 1 ? this.style.headingSize : 11);
    this.ensure(size * 1.5 + this.style.headingKeep);
    if (opts.toc !== false) this.toc.push({ title: opts.tocTitle ?? title, level, pageIndex: this.pageIndex });
    this.paragraph(title, { size, bold: true, gap: 8, ...(opts.center ? { align: 'center' as const } : {}) });
  }

  bullets(items: string[], opts: { marker?: (i: number) => string; size?: number; indent?: number } = {}): void {
    const size = opts.size ?? 10.5;
    const indent = opts.indent ?? 18;
    const font = this.fonts.regular;
    const leading = size * 1.42;
    items.forEach((item, i) => {
      const marker = opts.marker ? opts.marker(i) : '•';
      const lines = this.wrap(item, font, size, this.textWidth - indent - 16);
      lines.forEach((line, j) => {
        this.ensure(leading);
        const baseline = this.y - size;
        if (j === 0) this.text(marker, this.left + indent, baseline, size, font);
        this.text(line, this.left + indent + 16, baseline, size, font);
        this.y -= leading;
      });
      this.y -= 3;
    });
    this.y -= 4;
  }

  /**
   * A grid table across the text width. Rows that do not fit in the room left continue on the
   * next page, cut between lines, and every page the table touches starts with its header row.
   */
  table(columns: Column[], rows: string[][], opts: TableOptions = {}): void {
    const size = opts.size ?? 9;
    const hsize = opts.headerSize ?? size;
    const pad = 3.5;
    const leading = size * 1.3;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const colW = columns.map((c) => (c.width / total) * this.textWidth);
    const colX = colW.map((_, i) => this.left + colW.slice(0, i).reduce((s, w) => s + w, 0));
    const bold = new Set(opts.boldColumns ?? []);
    const cellLines = (texts: string[], headerRow: boolean) =>
      texts.map((t, i) => this.wrap(t, headerRow || bold.has(i) ? this.fonts.bold : this.fonts.regular, headerRow ? hsize : size, colW[i]! - 2 * pad));
    const hleading = hsize * 1.3;
    const headerLines = cellLines(
      columns.map((c) => c.header),
      true,
    );
    const spanLines = opts.span
      ? this.wrap(opts.span.label, this.fonts.bold, hsize, colX[opts.span.to]! + colW[opts.span.to]! - colX[opts.span.from]! - 2 * pad)
      : [];
    const spanH = spanLines.length ? spanLines.length * hleading + 2 * pad : 0;
    const headerH = Math.max(...headerLines.map((l) => l.length)) * hleading + 2 * pad + spanH;

    const drawHeader = () => {
      const top = this.y;
      const bottom = top - headerH;
      for (let i = 0; i < columns.length; i++) {
        const inSpan = opts.span && i >= opts.span.from && i <= opts.span.to;
        const cellTop = inSpan ? top - spanH : top;
        this.page.drawRectangle({ x: colX[i]!, y: bottom, width: colW[i]!, height: cellTop - bottom, color: HEADER_FILL, borderColor: GRID, borderWidth: 0.5 });
        this.cell(headerLines[i]!, colX[i]!, colW[i]!, cellTop, cellTop - bottom, hsize, hleading, pad, this.fonts.bold, 'center', true);
      }
      if (opts.span) {
        const x = colX[opts.span.from]!;
        const w = colX[opts.span.to]! + colW[opts.span.to]! - x;
        this.page.drawRectangle({ x, y: top - spanH, width: w, height: spanH, color: HEADER_FILL, borderColor: GRID, borderWidth: 0.5 });
        this.cell(spanLines, x, w, top, spanH, hsize, hleading, pad, this.fonts.bold, 'center', true);
      }
      this.y = bottom;
    };

    // Header plus at least one line of the first row must fit, or the table starts on a new page.
    this.ensure(headerH + leading + 2 * pad);
    drawHeader();
    let fresh = true;
    for (const row of rows) {
      let lines = cellLines(row, false);
      while (lines.some((l) => l.length)) {
        const room = Math.floor((this.y - this.bottom - 2 * pad) / leading);
        const need = Math.max(1, ...lines.map((l) => l.length));
        const fitsFreshPage = need * leading + 2 * pad <= this.maxBody() - headerH;
        // A row that would fit whole on a fresh page moves there rather than being cut.
        if (room < 1 || (room < need && fitsFreshPage && !fresh)) {
          this.newPage(this.landscape);
          drawHeader();
          fresh = true;
          continue;
        }
        const take = Math.min(need, room);
        const h = take * leading + 2 * pad;
        const top = this.y;
        for (let i = 0; i < columns.length; i++) {
          this.page.drawRectangle({ x: colX[i]!, y: top - h, width: colW[i]!, height: h, borderColor: GRID, borderWidth: 0.5 });
          const font = bold.has(i) ? this.fonts.bold : this.fonts.regular;
          this.cell(lines[i]!.slice(0, take), colX[i]!, colW[i]!, top, h, size, leading, pad, font, columns[i]!.align ?? 'left', false);
        }
        this.y = top - h;
        fresh = false;
        lines = lines.map((l) => l.slice(take));
        if (lines.some((l) => l.length)) {
          this.newPage(this.landscape);
          drawHeader();
          fresh = true;
        }
      }
    }
    this.y -= 10;
  }

  private maxBody(): number {
    return this.page.getHeight() - this.style.marginTop - this.bottom;
  }

  private cell(
    lines: string[],
    x: number,
    w: number,
    top: number,
    h: number,
    size: number,
    leading: number,
    pad: number,
    font: PDFFont,
    align: 'left' | 'center',
    middle: boolean,
  ): void {
    const block = lines.length * leading;
    let y = middle ? top - (h - block) / 2 - size : top - pad - size;
    for (const line of lines) {
      const lx = align === 'center' ? x + (w - this.width(line, font, size)) / 2 : x + pad;
      this.text(line, lx, y + size * 0.18, size, font);
      y -= leading;
    }
  }

  /** An image scaled into the text width, with its caption above as in the seed. */
  image(image: EmbeddedImage, caption: string): void {
    const maxW = this.textWidth * 0.8;
    const maxH = 300;
    const scale = Math.min(maxW / image.width, maxH / image.height, 1.5);
    const w = image.width * scale;
    const h = image.height * scale;
    const captionLines = this.wrap(caption, this.fonts.bold, 9.5, this.textWidth);
    this.ensure(h + captionLines.length * 14 + 16);
    this.paragraph(caption, { size: 9.5, bold: true, align: 'center', gap: 4 });
    image.draw(this.page, this.left + (this.textWidth - w) / 2, this.y - h, w, h);
    this.y -= h + 14;
  }

  /** Fills pages inserted at `at` with the table of contents, dotted leaders and page numbers. */
  tableOfContents(at: number, title: string, entries: TocEntry[]): number {
    const size = 10;
    const leading = 15;
    const top = LETTER.height - this.style.marginTop;
    const lines: { text: string; bold: boolean; indent: number; page?: number }[] = [];
    const pageNumberWidth = 30;
    for (const e of entries) {
      const indent = (e.level - 1) * 14;
      const font = e.level === 1 ? this.fonts.bold : this.fonts.regular;
      const wrapped = this.wrap(e.title, font, size, LETTER.width - 2 * MARGIN_X - indent - pageNumberWidth - 10);
      wrapped.forEach((t, i) => lines.push({ text: t, bold: e.level === 1, indent, ...(i === wrapped.length - 1 ? { page: e.pageIndex } : {}) }));
    }
    const perPage = Math.floor((top - FOOTER_H - 40) / leading);
    const tocPages = Math.max(1, Math.ceil(lines.length / perPage));
    const pages: PDFPage[] = [];
    for (let i = 0; i < tocPages; i++) pages.push(this.doc.insertPage(at + i, [LETTER.width, LETTER.height]));
    // Entries recorded on pages after the insertion point move down by the pages inserted.
    const shown = (index: number) => (index >= at ? index + tocPages : index) + 1;
    lines.forEach((line, i) => {
      const page = pages[Math.floor(i / perPage)]!;
      const row = i % perPage;
      if (row === 0) {
        const tw = this.width(title, this.fonts.bold, 13);
        page.drawText(title, { x: (LETTER.width - tw) / 2, y: top - 13, size: 13, font: this.fonts.bold });
      }
      const y = top - 40 - row * leading;
      const font = line.bold ? this.fonts.bold : this.fonts.regular;
      const x = MARGIN_X + line.indent;
      page.drawText(line.text, { x, y, size, font });
      if (line.page !== undefined) {
        const num = String(shown(line.page));
        const nx = LETTER.width - MARGIN_X - this.width(num, font, size);
        page.drawText(num, { x: nx, y, size, font });
        const start = x + this.width(line.text, font, size) + 4;
        const dotW = this.width('.', this.fonts.regular, size);
        const dots = Math.max(0, Math.floor((nx - 4 - start) / dotW));
        if (dots > 2) page.drawText('.'.repeat(dots), { x: start, y, size, font: this.fonts.regular, color: GREY });
      }
    });
    return tocPages;
  }

  /**
   * Signature boxes, two per row. The signing flow draws strokes and certificate data inside
   * each returned rectangle; the name and the long-form role go under it.
   */
  signatureBoxes(signers: { name: string; role: string }[]): SignatureSlot[] {
    const framed = this.style.signature === 'box';
    const boxW = 220;
    const signH = framed ? 118 : 70;
    const size = framed ? 8.5 : 9.5;
    const leading = size * (framed ? 1.3 : 1.35);
    const gapX = this.textWidth - 2 * boxW;
    const labels = (s: { name: string; role: string }) => [
      ...this.wrap(s.name, this.fonts.bold, size, boxW).map((l) => [l, this.fonts.bold] as const),
      ...this.wrap(s.role, this.fonts.regular, size, boxW).map((l) => [l, this.fonts.regular] as const),
    ];
    const out: SignatureSlot[] = [];
    for (let i = 0; i < signers.length; i += 2) {
      const pair = signers.slice(i, i + 2);
      const labelH = Math.max(...pair.map((s) => labels(s).length)) * leading;
      this.ensure(signH + labelH + (framed ? 24 : 30));
      const top = this.y;
      pair.forEach((s, j) => {
        const x = this.left + j * (boxW + gapX);
        const y = top - signH;
        if (framed) this.page.drawRectangle({ x, y, width: boxW, height: signH, borderColor: rgb(0.75, 0.75, 0.78), borderWidth: 0.6 });
        else this.page.drawLine({ start: { x: x + 10, y }, end: { x: x + boxW - 10, y }, thickness: 0.6, color: INK });
        let ly = y - (framed ? 12 : 4 + size);
        for (const [line, font] of labels(s)) {
          this.text(line, x + (boxW - this.width(line, font, size)) / 2, ly, size, font);
          ly -= leading;
        }
        out.push({ index: i + j, page: this.pageIndex, rect: [x, y, x + boxW, top] });
      });
      this.y = top - signH - labelH - 24;
    }
    return out;
  }

  /** Letterhead on every page and "Página N de M"; call once, at the end. */
  finish(): void {
    const pages = this.doc.getPages();
    const total = pages.length;
    const name = this.letterhead.name.toUpperCase();
    pages.forEach((page, i) => {
      const w = page.getWidth();
      const h = page.getHeight();
      if (this.style.header === 'logo') {
        if (this.logo) {
          const side = 46;
          const scale = Math.min(side / this.logo.width, side / this.logo.height);
          page.drawImage(this.logo, { x: MARGIN_X, y: h - 30 - this.logo.height * scale, width: this.logo.width * scale, height: this.logo.height * scale });
        }
        const nw = this.width(name, this.fonts.bold, 10);
        page.drawText(name, { x: (w - nw) / 2 + 20, y: h - 52, size: 10, font: this.fonts.bold, color: ACCENT });
        page.drawLine({ start: { x: MARGIN_X, y: h - 82 }, end: { x: w - MARGIN_X, y: h - 82 }, thickness: 0.8, color: ACCENT });
      } else {
        const nw = this.width(name, this.fonts.bold, 8);
        page.drawText(name, { x: (w - nw) / 2, y: h - 36, size: 8, font: this.fonts.bold, color: ACCENT });
        page.drawLine({ start: { x: MARGIN_X, y: h - 42 }, end: { x: w - MARGIN_X, y: h - 42 }, thickness: 0.8, color: ACCENT });
      }
      page.drawLine({ start: { x: MARGIN_X, y: FOOTER_H - 14 }, end: { x: w - MARGIN_X, y: FOOTER_H - 14 }, thickness: 0.8, color: ACCENT });
      let y = FOOTER_H - 25;
      for (const line of this.letterhead.footer.slice(0, 6)) {
        const font = this.font(line.bold);
        const size = 6.5;
        const text = this.wrap(line.text, font, size, w - 2 * MARGIN_X)[0] ?? '';
        page.drawText(text, { x: (w - this.width(text, font, size)) / 2, y, size, font, color: GREY });
        y -= 8.6;
      }
      const label = `Página ${i + 1} de ${total}`;
      page.drawText(label, { x: w - MARGIN_X - this.width(label, this.fonts.regular, 8), y: FOOTER_H - 9, size: 8, font: this.fonts.regular, color: GREY });
    });
  }

  async save(): Promise<Uint8Array> {
    this.finish();
    // Signing appends incremental updates with placeholder-plain, which cannot parse object streams.
    return this.doc.save({ useObjectStreams: false });
  }
}
