import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readPgm, type Gray } from './pgm.js';

/** Every page of a PDF as poppler renders it in gray, at `dpi`. */
export function renderGrayPages(pdf: string, dpi: number): Gray[] {
  const out = mkdtempSync(join(tmpdir(), 'sesiona-pages-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdf, join(out, 'p')]);
    // pdftoppm pads page numbers to the width of the last one: sorting by name is page order.
    return readdirSync(out)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => readPgm(join(out, f)));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A rectangle in PDF points [x1, y1, x2, y2], origin at the bottom left as in the PDF. */
export type PdfRect = [number, number, number, number];

/** Dark pixels (< 128) of a rendered page inside a rectangle given in PDF points (y flipped). */
export function darkPixels(img: Gray, rect: PdfRect, dpi: number): number {
  const k = dpi / 72;
  const [x1, y1, x2, y2] = rect;
  const px0 = Math.max(0, Math.floor(x1 * k));
  const px1 = Math.min(img.width, Math.ceil(x2 * k));
  const py0 = Math.max(0, Math.floor(img.height - y2 * k));
  const py1 = Math.min(img.height, Math.ceil(img.height - y1 * k));
  let dark = 0;
  for (let y = py0; y < py1; y++) for (let x = px0; x < px1; x++) if (img.pixels[y * img.width + x]! < 128) dark++;
  return dark;
}
