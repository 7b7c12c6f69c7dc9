/**
 * Layout of the "CADENA ORIGINAL Y SELLO" page (constancia de sellado): document data, the
 * cadena original and the sello in Courier, the seal certificate, the QR code drawn as filled
 * rectangles, and how to check a printed copy. Produces raw content-stream operators for
 * append-page.ts; the fonts are the standard Helvetica, Helvetica-Bold and Courier.
 */
import QRCode from 'qrcode';
import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';
import type { Box } from './append-page.js';

export const SEAL_PAGE_FONTS = { F1: 'Helvetica', F2: 'Helvetica-Bold', F3: 'Courier' } as const;
type FontKey = keyof typeof SEAL_PAGE_FONTS;

export const SEAL_PAGE_HEADING = 'CADENA ORIGINAL Y SELLO';

// pdf-lib's StandardFonts and the embedder's FontNames are the same strings in two enums.
type FontName = Parameters<typeof StandardFontEmbedder.for>[0];
const EMBEDDERS: Record<FontKey, StandardFontEmbedder> = {
  F1: StandardFontEmbedder.for(StandardFonts.Helvetica as string as FontName),
  F2: StandardFontEmbedder.for(StandardFonts.HelveticaBold as string as FontName),
  F3: StandardFontEmbedder.for(StandardFonts.Courier as string as FontName),
};

/** Points per QR module: 2.4 pt ≈ 0.85 mm ≈ 5 px at 150 dpi. */
const QR_MODULE = 2.4;
const QR_QUIET = 4;
const ACCENT = '0.42 0.12 0.37';

export interface SealPageData {
  title: string;
  documentId: string;
  kind: string;
  sessionKey: string;
  lockedAt: Date;
  byteLength: number;
  sha256: string;
  signers: string[];
  cadena: string;
  sello: string;
  payload: string;
  certificate: { number: string; subject: string; fingerprint256: string };
  /** 1-based number this page will have. */
  pageNumber: number;
}

/** Replaces what WinAnsi cannot encode with '?', so any text can be drawn. */
function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/[\x20-\x7e\xa0-\xff]/.test(ch)) out += ch;
    else {
      try {
        EMBEDDERS.F1.encodeText(ch);
        out += ch;
      } catch {
        out += '?';
      }
    }
  }
  return out;
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

/** Word wrap for proportional fonts; words longer than a line are broken. */
function wrapWords(text: string, font: FontKey, size: number, width: number): string[] {
  const e = EMBEDDERS[font];
  const lines: string[] = [];
  let line = '';
  for (const word of winAnsi(text).split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (e.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (e.widthOfTextAtSize(line, size) > width) {
      let cut = line.length - 1;
      while (cut > 1 && e.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Hard wrap for Courier (every glyph is 0.6 em wide), the way the SAT prints cadenas. */
function wrapMono(text: string, size: number, width: number): string[] {
  const perLine = Math.max(10, Math.floor(width / (0.6 * size)));
  const clean = winAnsi(text);
  const lines: string[] = [];
  for (let i = 0; i < clean.length; i += perLine) lines.push(clean.slice(i, i + perLine));
  return lines;
}

class Canvas {
  ops: string[] = [];

  text(x: number, y: number, text: string, font: FontKey, size: number, gray = 0): void {
    const hex = EMBEDDERS[font].encodeText(winAnsi(text)).toString();
    this.ops.push(`BT ${gray} g /${font} ${fmt(size)} Tf 1 0 0 1 ${fmt(x)} ${fmt(y)} Tm ${hex} Tj ET`);
  }

  width(text: string, font: FontKey, size: number): number {
    return EMBEDDERS[font].widthOfTextAtSize(winAnsi(text), size);
  }

  centered(cx: number, y: number, text: string, font: FontKey, size: number): void {
    this.text(cx - this.width(text, font, size) / 2, y, text, font, size);
  }

  rect(x: number, y: number, w: number, h: number, fill: string): void {
    this.ops.push(`${fill} rg ${fmt(x)} ${fmt(y)} ${fmt(w)} ${fmt(h)} re f`);
  }

  strokeRect(x: number, y: number, w: number, h: number, color: string, lw: number): void {
    this.ops.push(`${color} RG ${fmt(lw)} w ${fmt(x)} ${fmt(y)} ${fmt(w)} ${fmt(h)} re S`);
  }

  line(x1: number, y1: number, x2: number, y2: number, color: string, lw: number): void {
    this.ops.push(`${color} RG ${fmt(lw)} w ${fmt(x1)} ${fmt(y1)} m ${fmt(x2)} ${fmt(y2)} l S`);
  }
}

/** QR of `payload` at level M, drawn with its quiet zone; returns its side in points. */
function drawQr(canvas: Canvas, payload: string, x: number, top: number, module = QR_MODULE): number {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = (n + 2 * QR_QUIET) * module;
  const y0 = top - side;
  canvas.rect(x, y0, side, side, '1 1 1');
  const ops: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      const rx = x + (QR_QUIET + start) * module;
      const ry = top - (QR_QUIET + row + 1) * module;
      ops.push(`${fmt(rx)} ${fmt(ry)} ${fmt((col - start) * module)} ${fmt(module)} re`);
    }
  }
  canvas.ops.push(`0 0 0 rg ${ops.join(' ')} f`);
  return side;
}

function formatLocked(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(date.getUTCDate())}/${p(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} UTC`;
}

/** Lays the page out at `mono` pt for the Courier blocks; returns the operators and the lowest y used. */
function layout(d: SealPageData, box: Box, mono: number): { ops: string[]; bottom: number } {
  const c = new Canvas();
  const [bx0, by0, bx1, by1] = box;
  const margin = 54;
  const left = bx0 + margin;
  const right = bx1 - margin;
  const width = right - left;
  const cx = (left + right) / 2;
  let y = by1 - 58;

  c.centered(cx, y, SEAL_PAGE_HEADING, 'F2', 14);
  y -= 15;
  c.centered(cx, y, 'Constancia de sellado del documento para su firma electrónica', 'F1', 9.5);
  y -= 9;
  c.line(left, y, right, y, ACCENT, 1.2);
  y -= 18;

  const labelW = 118;
  const field = (label: string, value: string, font: FontKey = 'F1', size = 9): void => {
    c.text(left, y, label, 'F2', 9);
    const lines = font === 'F3' ? wrapMono(value, size, width - labelW) : wrapWords(value, font, size, width - labelW);
    for (const [i, line] of lines.entries()) {
      c.text(left + labelW, y, line, font, size);
      if (i < lines.length - 1) y -= size + 2.5;
    }
    y -= 13;
  };
  field('Documento:', d.title);
  field('Identificador:', d.documentId, 'F3', 8.5);
  field('Tipo:', d.kind);
  if (d.sessionKey) field('Clave de la sesión:', d.sessionKey);
  field('Bloqueado para firma:', formatLocked(d.lockedAt));
  field('Tamaño del original:', `${d.byteLength.toLocaleString('es-MX')} bytes (versión bloqueada, antes de esta página)`);
  field('Huella SHA-256:', d.sha256, 'F3', 8);
  field('Firmantes:', d.signers.length ? d.signers.join('; ') : '(sin firmantes)');
  y -= 6;

  const block = (label: string, text: string, size: number): void => {
    c.text(left, y, label, 'F2', 10);
    y -= 7;
    const lines = wrapMono(text, size, width - 12);
    const lead = size + 2;
    const h = lines.length * lead + 8;
    c.rect(left, y - h, width, h, '0.95 0.95 0.96');
    c.strokeRect(left, y - h, width, h, '0.75 0.75 0.78', 0.5);
    let ly = y - 4 - size;
    for (const line of lines) {
      c.text(left + 6, ly, line, 'F3', size);
      ly -= lead;
    }
    y -= h + 18;
  };
  block('Cadena original', d.cadena, mono);
  block('Sello digital (RSA-SHA256, base64)', d.sello, mono);

  c.text(left, y, 'Certificado de sello', 'F2', 10);
  y -= 13;
  field('Número de serie:', d.certificate.number, 'F3', 8);
  field('Titular:', d.certificate.subject);
  field('Huella SHA-256:', d.certificate.fingerprint256, 'F3', 6.5);
  y -= 4;

  // QR on the left, instructions on the right.
  const qrTop = y;
  const side = drawQr(c, d.payload, left - QR_QUIET * QR_MODULE * 0.5, qrTop);
  c.centered(left - QR_QUIET * QR_MODULE * 0.5 + side / 2, qrTop - side - 6, 'Código QR de verificación', 'F1', 7);
  const tx = left + side + 10;
  const tw = right - tx;
  let ty = qrTop - 10;
  c.text(tx, ty, 'Cómo comprobar una copia impresa', 'F2', 10);
  ty -= 14;
  const para = (text: string, font: FontKey = 'F1', size = 8.5): void => {
    const lines = font === 'F3' ? wrapMono(text, size, tw) : wrapWords(text, font, size, tw);
    for (const line of lines) {
      c.text(tx, ty, line, font, size);
      ty -= size + 2.5;
    }
    ty -= 4;
  };
  para(
    '1. En Sesiona, abra «Comprobar copia impresa» y lea este código con la cámara o escriba el texto impreso abajo: ' +
      'el programa indica qué documento es, si la copia corresponde y quién lo firmó.',
  );
  para(
    '2. Sin Sesiona: obtenga el PDF firmado de quien lo emitió. Sus primeros bytes (el «Tamaño del original» de arriba) deben tener ' +
      'la «Huella SHA-256» de arriba, que es la misma del código QR (en Linux: head -c TAMAÑO archivo.pdf | sha256sum).',
  );
  para(
    '3. Abra el PDF en un lector que valide firmas (p. ej. Adobe Acrobat Reader): cada firma debe ser válida, sin cambios posteriores, ' +
      'y sus titulares deben ser los «Firmantes» de arriba. Compare después el texto de esta copia con el del PDF, página por página.',
  );
  para('Contenido del código QR:', 'F2', 8);
  // The payload on two lines: everything up to the hash, then the hash.
  const cut = d.payload.lastIndexOf('|') + 1;
  para(d.payload.slice(0, cut), 'F3', 6.5);
  ty += 4;
  para(d.payload.slice(cut), 'F3', 6.5);

  const bottom = Math.min(qrTop - side - 12, ty);
  c.text(bx1 - 72 - 50, by0 + 36, `Página ${d.pageNumber}`, 'F1', 8, 0.4);
  return { ops: c.ops, bottom: bottom - by0 };
}

/** Content-stream operators of the seal page; shrinks the Courier blocks if a long cadena needs it. */
export function sealPageContent(d: SealPageData, box: Box): Buffer {
  let result = layout(d, box, 7.5);
  for (const size of [6.5, 5.5, 4.5]) {
    if (result.bottom >= 50) break;
    result = layout(d, box, size);
  }
  return Buffer.from(result.ops.join('\n') + '\n', 'latin1');
}
