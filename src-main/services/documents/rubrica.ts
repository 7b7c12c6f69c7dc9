import type { InkStroke } from '../../../src-shared/signature/ink-geometry.js';
import { inkOperators, operatorsToContent } from '../pdf/ink.js';
import { PdfReader, withPdfErrors } from '../pdfsign/index.js';
import type { SignatureAppearance, SignOptions } from '../pdfsign/index.js';

/** Size of one rúbrica in the margin, and the room kept for the letterhead above and below. */
const MARK_H = 40;
const MARK_GAP = 6;
const TOP = 96;
const BOTTOM = 92;
const EDGE = 8;
/**
 * Width of a rúbrica: inside the outer margin of every page Sesiona makes, the seal page
 * included (its text runs to 54 pt from the edge), with the page edge kept clear for printers.
 */
const PORTRAIT_W = 42;
const LANDSCAPE_W = 34;

type Rect = [number, number, number, number];

function pageSizes(pdf: Buffer): { width: number; height: number }[] {
  return withPdfErrors(() => {
    const reader = PdfReader.open(pdf);
    return reader.pages().map((p) => {
      // Sesiona's pages carry their own MediaBox; Letter is the fallback for anything else.
      const box = reader.resolve(p.dict.get('MediaBox'));
      const n = Array.isArray(box) ? box.map((v) => reader.resolve(v)) : [];
      if (n.length === 4 && n.every((v) => typeof v === 'number')) {
        const [x1, y1, x2, y2] = n as number[];
        return { width: Math.abs(x2! - x1!), height: Math.abs(y2! - y1!) };
      }
      return { width: 612, height: 792 };
    });
  });
}

/**
 * Where a signer's rúbrica goes on a page: the outer margin, one slot per signer from the top,
 * so several signers' rúbricas stand in a column without touching. Slots that do not fit in the
 * right margin continue in the left one.
 */
export function rubricaRect(page: { width: number; height: number }, signerIndex: number): Rect {
  const w = page.width > page.height ? LANDSCAPE_W : PORTRAIT_W;
  const perColumn = Math.max(1, Math.floor((page.height - TOP - BOTTOM + MARK_GAP) / (MARK_H + MARK_GAP)));
  const column = Math.floor(signerIndex / perColumn) % 2;
  const row = signerIndex % perColumn;
  const top = page.height - TOP - row * (MARK_H + MARK_GAP);
  const x = column === 0 ? page.width - EDGE - w : EDGE;
  return [x, top - MARK_H, x + w, top];
}

/** The rúbrica's ink, fitted into its slot; one appearance shared by every page. */
export function rubricaAppearance(strokes: InkStroke[], width: number): SignatureAppearance {
  return { stream: Buffer.from(operatorsToContent(inkOperators(strokes, { x: 2, y: 2, width: width - 4, height: MARK_H - 4 })), 'latin1') };
}

/**
 * The marks for one signer: every page except the one that holds their own box (their full
 * signature is there), drawn as widgets of their signature field so that the same revision, and
 * the same signature, covers them.
 */
export function rubricaMarks(pdf: Buffer, strokes: InkStroke[], signerIndex: number, boxPage: number): NonNullable<SignOptions['marks']> {
  const sizes = pageSizes(pdf);
  const portrait = rubricaAppearance(strokes, PORTRAIT_W);
  const landscape = rubricaAppearance(strokes, LANDSCAPE_W);
  const marks: NonNullable<SignOptions['marks']> = [];
  sizes.forEach((size, page) => {
    if (page === boxPage) return;
    marks.push({ page, rect: rubricaRect(size, signerIndex), appearance: size.width > size.height ? landscape : portrait });
  });
  return marks;
}
