/**
 * Handwritten ink as vector paths in a PDF page. The geometry lives in
 * src-shared/signature/ink-geometry.ts (shared with the on-screen SVG preview); this module only
 * turns it into content-stream operators.
 */
import {
  appendBezierCurve,
  LineCapStyle,
  LineJoinStyle,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineCap,
  setLineJoin,
  setLineWidth,
  setStrokingColor,
  stroke,
  type Color,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import { inkLayout, type InkBox, type InkStroke } from '../../../src-shared/signature/ink-geometry.js';

export interface InkOptions {
  /** Default: dark blue, as signatures are customarily signed in blue ink. */
  color?: Color;
  /** Pen width in the strokes' own units (screen pixels); scaled with the signature. */
  strokeWidth?: number;
}

export const INK_BLUE = rgb(0.06, 0.12, 0.45);

/**
 * Operators that paint the strokes fitted into `box` (PDF user space, y up), wrapped in q/Q so
 * the caller's graphics state is untouched. Build once and reuse them when the same signature goes
 * on many pages.
 */
export function inkOperators(strokes: readonly InkStroke[], box: InkBox, options: InkOptions = {}): PDFOperator[] {
  const layout = inkLayout(strokes, box, { strokeWidth: options.strokeWidth, yAxis: 'up' });
  const ops: PDFOperator[] = [
    pushGraphicsState(),
    setStrokingColor(options.color ?? INK_BLUE),
    setLineWidth(layout.strokeWidth),
    setLineCap(LineCapStyle.Round),
    setLineJoin(LineJoinStyle.Round),
  ];
  for (const c of layout.commands) {
    if (c.op === 'M') ops.push(moveTo(c.x, c.y));
    else if (c.op === 'L') ops.push(lineTo(c.x, c.y));
    else ops.push(appendBezierCurve(c.x1, c.y1, c.x2, c.y2, c.x, c.y));
  }
  // One stroke for all subpaths: a single paint operation is faster to write and to render.
  ops.push(stroke(), popGraphicsState());
  return ops;
}

/** Draws the strokes into the page as vector paths. Throws InkError (Spanish message) on empty ink. */
export function drawInk(page: PDFPage, strokes: readonly InkStroke[], box: InkBox, options: InkOptions = {}): void {
  const ops = inkOperators(strokes, box, options);
  // Spreading a very long signature into one call could overflow the argument stack.
  for (let i = 0; i < ops.length; i += 8192) page.pushOperators(...ops.slice(i, i + 8192));
}

/** Content-stream text of the operators, for embedding the same ink in many documents. */
export function operatorsToContent(ops: readonly PDFOperator[]): string {
  return ops.map((op) => op.toString()).join('\n') + '\n';
}
