/** Reading a verification QR from pixels: camera frames, scanned images, rendered PDF pages. */
import jsQR from 'jsqr';
import { openPdf, renderPage } from '../../kit/pdf.js';

export function qrFromCanvas(canvas: HTMLCanvasElement): string | null {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx || !canvas.width || !canvas.height) return null;
  const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

const MAX_SIDE = 3000;

export async function qrFromImage(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return qrFromCanvas(canvas);
}

/** The seal page is the last one: pages are tried from the end, at 150 dpi as a scanner gives. */
export async function qrFromPdf(bytes: Uint8Array): Promise<string | null> {
  const doc = await openPdf(bytes);
  try {
    for (let n = doc.numPages; n >= 1 && n > doc.numPages - 5; n--) {
      const canvas = document.createElement('canvas');
      await renderPage(doc, n, canvas, 150 / 72 / (window.devicePixelRatio || 1));
      const found = qrFromCanvas(canvas);
      if (found) return found;
    }
    return null;
  } finally {
    await doc.destroy();
  }
}
