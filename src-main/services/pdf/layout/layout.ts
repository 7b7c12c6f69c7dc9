import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { embedFonts, type Fonts } from './fonts.js';
import type { Letterhead } from './letterhead.js';

/**
 * Flowing Letter-size layout over pdf-lib, shared by the convocatoria and the acta (and shaped
 * like the reports' layout so both can converge): DejaVu embedded once per document, wrapped
 * text, tables whose rows continue on the next page under a repeated header, and a letterhead
 * (logo, institute's name, offices in the footer, "Página N de M") drawn once the page count
 * is known.
 */
export const LETTER = { width: 612, height: 792 } as const;
const MARGIN_X = 72;
const MARGIN_TOP = 100;
const FOOTER_H = 86;

const INK = rgb(0, 0, 0);
const ACCENT = rgb(0.42, 0.12, 0.37);
const GRID = rgb(0.45, 0.45, 0.48);
const HEADER_FILL = rgb(0.86, 0.8, 0.86);
const GREY = rgb(0.35, 0.35, 0.35);

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center';
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
}

export type Rect = [number, number, number, number];

export class Layout {
  page!: PDFPage;
  y = 0;
  private created = 0;
  private logo: PDFImage | null = null;

  private constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    private readonly letterhead: Letterhead,
  ) {}

  static async create(title: string, letterhead: Letterhead): Promise<Layout> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(title);
    doc.setProducer('Sesiona');
    doc.setCreator('Sesiona');
    doc.setLanguage('es-MX');
    const layout = new Layout(doc, await embedFonts(doc), letterhead);
    if (letterhead.logo) {
      const bytes = letterhead.logo;
      const png = bytes[0] === 0x89 && bytes[1] === 0x50;
      // A copy: pdf-lib's JPEG reader ignores a view's offset into a shared buffer.
      layout.logo = await (png ? doc.embedPng(bytes) : doc.embedJpg(new Uint8Array(bytes))).catch(() => null);
    }
    layout.newPage();
    return layout;
  }

  get pageIndex(): number {
    return this.created - 1;
  }

  get left(): number {
    return MARGIN_X;
  }

  get textWidth(): number {
    return LETTER.width - 2 * MARGIN_X;
  }

  newPage(): void {
    this.page = this.doc.addPage([LETTER.width, LETTER.height]);
    this.created++;
    this.y = LETTER.height - MARGIN_TOP;
  }

  ensure(height: number): void {
    if (this.y - height < FOOTER_H) this.newPage();
  }

  space(h: number): void {
    this.y -= h;
  }

  width(text: string, font: PDFFont, size: number): number {
    return font.widthOfTextAtSize(text, size);
  }

  /** Greedy word wrap over words that each keep their weight; over-long words are cut. */
  wrapWords(words: Word[], size: number, maxWidth: number): Word[][] {
    const lines: Word[][] = [];
    let line: Word[] = [];
    let lineW = 0;
    for (const raw of words) {
      const font = raw.bold ? this.fonts.bold : this.fonts.regular;
      const space = this.width(' ', font, size);
      for (const piece of this.cut(raw.text, font, size, maxWidth)) {
        const w = this.width(piece, font, size);
        if (line.length && lineW + space + w > maxWidth) {
          lines.push(line);
          line = [];
          lineW = 0;
        }
        lineW += (line.length ? space : 0) + w;
        line.push({ text: piece, ...(raw.bold ? { bold: true } : {}) });
      }
    }
    lines.push(line);
    return lines;
  }

  wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
    const bold = font === this.fonts.bold;
    return text.split('\n').flatMap((p) =>
      this.wrapWords(
        p.split(/\s+/).filter(Boolean).map((t) => ({ text: t, bold })),
        size,
        maxWidth,
      ).map((l) => l.map((w) => w.text).join(' ')),
    );
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
        .map((t) => ({ text: t, ...(opts.bold ? { bold: true } : {}) }));
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
      const widths = line.map((w) => this.width(w.text, w.bold ? this.fonts.bold : this.fonts.regular, size));
      const used = widths.reduce((s, w) => s + w, 0);
      const space = this.width(' ', this.fonts.regular, size);
      const natural = used + space * Math.max(0, line.length - 1);
      const last = i === lines.length - 1;
      let x = this.left + indent;
      let gap = space;
      if (opts.align === 'center') x = (LETTER.width - natural) / 2;
      else if (opts.align === 'justify' && !last && line.length > 1) gap = (max - used) / (line.length - 1);
      line.forEach((w, j) => {
        this.text(w.text, x, baseline, size, w.bold ? this.fonts.bold : this.fonts.regular);
        x += widths[j]! + gap;
      });
      this.y -= leading;
    });
    this.y -= opts.gap ?? 6;
  }

  /** A heading kept with a few lines of what follows. */
  heading(title: string, opts: { size?: number; center?: boolean } = {}): void {
    const size = opts.size ?? 11.5;
    this.ensure(size * 1.5 + 50);
    this.paragraph(title, { size, bold: true, gap: 8, ...(opts.center ? { align: 'center' as const } : {}) });
  }

  /**
   * A grid table across the text width. Rows that do not fit in the room left continue on the
   * next page, cut between lines, and every page the table touches starts with its header row.
   */
  table(columns: Column[], rows: string[][], opts: { size?: number } = {}): void {
    const size = opts.size ?? 9;
    const pad = 3.5;
    const leading = size * 1.3;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const colW = columns.map((c) => (c.width / total) * this.textWidth);
    const colX = colW.map((_, i) => this.left + colW.slice(0, i).reduce((s, w) => s + w, 0));
    const cellLines = (texts: string[], header: boolean) =>
      texts.map((t, i) => this.wrap(t, header ? this.fonts.bold : this.fonts.regular, size, colW[i]! - 2 * pad));
    const headerLines = cellLines(
      columns.map((c) => c.header),
      true,
    );
    const headerH = Math.max(...headerLines.map((l) => l.length)) * leading + 2 * pad;
    const maxBody = LETTER.height - MARGIN_TOP - FOOTER_H;

    const drawHeader = () => {
      const top = this.y;
      for (let i = 0; i < columns.length; i++) {
        this.page.drawRectangle({ x: colX[i]!, y: top - headerH, width: colW[i]!, height: headerH, color: HEADER_FILL, borderColor: GRID, borderWidth: 0.5 });
        this.cell(headerLines[i]!, colX[i]!, colW[i]!, top, size, leading, pad, this.fonts.bold, 'center');
      }
      this.y = top - headerH;
    };

    this.ensure(headerH + leading + 2 * pad);
    drawHeader();
    let fresh = true;
    for (const row of rows) {
      let lines = cellLines(row, false);
      while (lines.some((l) => l.length)) {
        const room = Math.floor((this.y - FOOTER_H - 2 * pad) / leading);
        const need = Math.max(1, ...lines.map((l) => l.length));
        const fitsFreshPage = need * leading + 2 * pad <= maxBody - headerH;
        // A row that would fit whole on a fresh page moves there rather than being cut.
        if (room < 1 || (room < need && fitsFreshPage && !fresh)) {
          this.newPage();
          drawHeader();
          fresh = true;
          continue;
        }
        const take = Math.min(need, room);
        const h = take * leading + 2 * pad;
        const top = this.y;
        for (let i = 0; i < columns.length; i++) {
          this.page.drawRectangle({ x: colX[i]!, y: top - h, width: colW[i]!, height: h, borderColor: GRID, borderWidth: 0.5 });
          this.cell(lines[i]!.slice(0, take), colX[i]!, colW[i]!, top, size, leading, pad, this.fonts.regular, columns[i]!.align ?? 'left');
        }
        this.y = top - h;
        fresh = false;
        lines = lines.map((l) => l.slice(take));
        if (lines.some((l) => l.length)) {
          this.newPage();
          drawHeader();
          fresh = true;
        }
      }
    }
    this.y -= 10;
  }

  private cell(lines: string[], x: number, w: number, top: number, size: number, leading: number, pad: number, font: PDFFont, align: 'left' | 'center'): void {
    let y = top - pad - size;
    for (const line of lines) {
      const lx = align === 'center' ? x + (w - this.width(line, font, size)) / 2 : x + pad;
      this.text(line, lx, y + size * 0.18, size, font);
      y -= leading;
    }
  }

  /**
   * Signature boxes, two per row: the box is left blank for the signature (the signing flow
   * draws strokes and certificate data inside it); the name and role go under it.
   * Returns each box's page and rectangle.
   */
  signatureBoxes(signers: { name: string; role: string }[]): { page: number; rect: Rect }[] {
    const boxW = 220;
    const boxH = 118;
    const size = 8.5;
    const gapX = this.textWidth - 2 * boxW;
    const labels = (s: { name: string; role: string }) => [
      ...this.wrap(s.name, this.fonts.bold, size, boxW).map((l) => [l, this.fonts.bold] as const),
      ...this.wrap(s.role, this.fonts.regular, size, boxW).map((l) => [l, this.fonts.regular] as const),
    ];
    const out: { page: number; rect: Rect }[] = [];
    for (let i = 0; i < signers.length; i += 2) {
      const pair = signers.slice(i, i + 2);
      const labelH = Math.max(...pair.map((s) => labels(s).length)) * size * 1.3;
      this.ensure(boxH + labelH + 24);
      const top = this.y;
      pair.forEach((s, j) => {
        const x = this.left + j * (boxW + gapX);
        const y = top - boxH;
        this.page.drawRectangle({ x, y, width: boxW, height: boxH, borderColor: rgb(0.75, 0.75, 0.78), borderWidth: 0.6 });
        let ly = y - 12;
        for (const [line, font] of labels(s)) {
          this.text(line, x + (boxW - this.width(line, font, size)) / 2, ly, size, font);
          ly -= size * 1.3;
        }
        out.push({ page: this.pageIndex, rect: [x, y, x + boxW, top] });
      });
      this.y = top - boxH - labelH - 24;
    }
    return out;
  }

  /** Letterhead on every page and "Página N de M"; call once, at the end. */
  finish(): void {
    const pages = this.doc.getPages();
    const total = pages.length;
    pages.forEach((page, i) => {
      const w = page.getWidth();
      const h = page.getHeight();
      if (this.logo) {
        const side = 46;
        const scale = Math.min(side / this.logo.width, side / this.logo.height);
        page.drawImage(this.logo, { x: MARGIN_X, y: h - 30 - this.logo.height * scale, width: this.logo.width * scale, height: this.logo.height * scale });
      }
      const name = this.letterhead.name.toUpperCase();
      const nw = this.width(name, this.fonts.bold, 10);
      page.drawText(name, { x: (w - nw) / 2 + 20, y: h - 52, size: 10, font: this.fonts.bold, color: ACCENT });
      page.drawLine({ start: { x: MARGIN_X, y: h - 82 }, end: { x: w - MARGIN_X, y: h - 82 }, thickness: 0.8, color: ACCENT });
      page.drawLine({ start: { x: MARGIN_X, y: FOOTER_H - 14 }, end: { x: w - MARGIN_X, y: FOOTER_H - 14 }, thickness: 0.8, color: ACCENT });
      let y = FOOTER_H - 25;
      for (const line of this.letterhead.footer.slice(0, 6)) {
        const font = line.bold ? this.fonts.bold : this.fonts.regular;
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
