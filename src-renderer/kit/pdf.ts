/**
 * pdf.js in the renderer: its worker is bundled as a file of this app (the CSP allows only
 * 'self'), and eval is off. Used by the viewer and to read QR codes from scanned PDFs.
 */
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

export function base64Bytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // No eval and no injected font faces: the strict Content-Security-Policy stays as it is.
  return getDocument({ data: bytes, isEvalSupported: false, enableXfa: false, disableFontFace: true }).promise;
}

/** Draws one page (1-based) at `scale` CSS pixels per PDF point onto `canvas`. */
export async function renderPage(
  doc: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  scale: number,
  signal?: AbortSignal,
): Promise<void> {
  const page = await doc.getPage(pageNumber);
  if (signal?.aborted) return;
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
  const task = page.render({ canvas, viewport });
  // A canvas takes one render at a time: a newer request cancels the one under way.
  signal?.addEventListener('abort', () => task.cancel());
  await task.promise;
}
