/**
 * The text of a PDF, for full-text search. pdfjs-dist 5's legacy build is the one that runs in
 * Node 20 (the modern build needs APIs Node 20 lacks).
 */
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const resolveFrom = createRequire(import.meta.url);
GlobalWorkerOptions.workerSrc = pathToFileURL(resolveFrom.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;

/** Every page's text, pages separated by a form feed; '' for a PDF pdf.js cannot read. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  // pdf.js takes ownership of the buffer it is given: pass a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
          .join('')
          .replace(/[ \t]+/g, ' '),
      );
      page.cleanup();
    }
    return pages.join('\f');
  } catch {
    return '';
  } finally {
    await task.destroy();
  }
}

/** Lower case without accents, so "camara" finds "Cámara" and "VILLASENOR" finds "VILLASEÑOR". */
export function fold(text: string): string {
  // Character by character, keeping the length, so a match's offset is the same in the original.
  return text.replace(/[^ -~\t\n\r\f]/g, (c) => c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()[0] ?? c).toLowerCase();
}
