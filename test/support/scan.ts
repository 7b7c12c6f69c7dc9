/**
 * A scanned copy as an office scanner makes it: each printed page rasterized at 150 dpi in gray,
 * turned by a small angle (the sheet not quite straight on the glass), on off-white paper with
 * noise and specks, wrapped in a PDF with one image per Letter page. No text layer survives.
 */
import { execFileSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { pngFromIdat } from './images.js';
import { readPgm, type Gray } from './pgm.js';

/** A small deterministic generator, so a failing scan can be made again. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/** Sensor noise (peak to peak, of 255) and dust specks per pixel; measured: jsQR still reads the
 * 150-dpi seal QR at ±10 of noise but not at ±20, so a scan noisier than this fails in any reader. */
const NOISE = 24;
const DUST = 0.0003;
export function scanPage(page: Gray, degrees: number, seed: number): Gray {
  const { width: w, height: h, pixels } = page;
  const rnd = random(seed);
  const a = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(a), Math.sin(a)];
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Where this output pixel comes from on the straight page (nearest neighbour).
      const dx = x - w / 2;
      const dy = y - h / 2;
      const sx = Math.round(cos * dx + sin * dy + w / 2);
      const sy = Math.round(-sin * dx + cos * dy + h / 2);
      let v = sx >= 0 && sy >= 0 && sx < w && sy < h ? pixels[sy * w + sx]! : 255;
      v = Math.round(v * 0.93 + 8 + (rnd() - 0.5) * NOISE); // gray paper, sensor noise
      if (rnd() < DUST) v = 40; // dust
      out[y * w + x] = Math.max(0, Math.min(255, v));
    }
  }
  return { width: w, height: h, pixels: out };
}

export function grayPng({ width: w, height: h, pixels }: Gray): Buffer {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = raw[o + 1] = raw[o + 2] = pixels[y * w + x]!;
    }
  }
  return pngFromIdat(w, h, deflateSync(raw));
}

/** Pages `from`..`to` of a printed PDF as a scanned PDF. */
export async function scannedPdf(printed: string, workPrefix: string, pages: number[], degrees: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const [i, n] of pages.entries()) {
    const prefix = `${workPrefix}-${n}`;
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-f', String(n), '-l', String(n), '-singlefile', printed, prefix]);
    const png = await pdf.embedPng(grayPng(scanPage(readPgm(`${prefix}.pgm`), i % 2 ? -degrees : degrees, 1000 + n)));
    const page = pdf.addPage([612, 792]);
    page.drawImage(png, { x: 0, y: 0, width: 612, height: 792 });
  }
  return pdf.save();
}
