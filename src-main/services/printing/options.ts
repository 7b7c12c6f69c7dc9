import { PAGE_RANGE_MESSAGE, parsePageRanges } from '../../../src-shared/printing/page-ranges.js';
import { PrintError, type PrintOptions } from './port.js';

// CUPS queue names have no spaces; Windows names nearly always do ("HP LaserJet Oficialía", or
// a shared printer's \\server\name) and may not hold "," or "!".
const PRINTER_NAME: Record<string, RegExp> = {
  cups: /^[\p{L}\p{N}_.@-]{1,127}$/u,
  windows: /^(?![-\s])[^\p{Cc},!]{1,220}(?<!\s)$/u,
};
export const MAX_COPIES = 99;

/**
 * Checks what reaches the print command. Names and ranges are passed as separate arguments
 * (never through a shell), but CUPS itself reads "-o" values, so they are kept to a safe set.
 */
export function checkPrintOptions(options: PrintOptions, kind = 'cups'): PrintOptions {
  if (options.printer !== undefined && !(PRINTER_NAME[kind] ?? PRINTER_NAME.cups!).test(options.printer)) {
    throw new PrintError(
      'BAD_INPUT',
      `El nombre de impresora «${options.printer.slice(0, 40)}» no es válido.`,
      `invalid printer name "${options.printer.slice(0, 40)}"`,
    );
  }
  if (!Number.isInteger(options.copies) || options.copies < 1 || options.copies > MAX_COPIES) {
    throw new PrintError('BAD_INPUT', `El número de copias debe estar entre 1 y ${MAX_COPIES}.`, `copies must be a whole number from 1 to ${MAX_COPIES}`);
  }
  if (options.pages !== undefined) {
    const parsed = parsePageRanges(options.pages);
    if (!parsed) throw new PrintError('BAD_INPUT', PAGE_RANGE_MESSAGE, 'invalid page range; use a list such as 1-3,5 (pages from 1, ascending)');
    const pages = parsed.text;
    return { ...options, pages, title: cleanTitle(options.title) };
  }
  return { ...options, title: cleanTitle(options.title) };
}

function cleanTitle(title: string): string {
  // Job titles end up in queue listings and file names of virtual printers.
  const clean = title.replace(/[\p{Cc}]/gu, ' ').replace(/\s+/g, ' ').trim();
  return (clean || 'Documento de Sesiona').slice(0, 120);
}

/** A PDF is what every adapter accepts; anything else is refused before it reaches a printer. */
export function checkPdf(bytes: Buffer, label: string): void {
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (!head.includes('%PDF-')) {
    throw new PrintError('BAD_INPUT', `El archivo ${label} no es un PDF.`, `${label} is not a PDF file`);
  }
}
