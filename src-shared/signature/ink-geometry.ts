/**
 * Geometry of handwritten ink: fits strokes (screen pixels, y down) into a box and turns every
 * stroke into a smooth path (Catmull-Rom through the points, as cubic Béziers). The same commands
 * feed the PDF content stream (src-main/services/pdf/ink.ts) and the on-screen SVG preview, so
 * what the signer sees is what gets printed.
 *
 * Pure TypeScript: no Node, no DOM.
 */

export interface InkStroke {
  x: number[];
  y: number[];
}

export interface InkBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type InkCommand =
  | { op: 'M'; x: number; y: number }
  | { op: 'L'; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number };

export interface InkLayoutOptions {
  /** Pen width in the strokes' own units (screen pixels). Default 2.5, signature_pad's maxWidth. */
  strokeWidth?: number;
  /** 'up' for PDF (box.y is the bottom edge), 'down' for SVG/canvas (box.y is the top edge). */
  yAxis?: 'up' | 'down';
  /** Thinnest pen in box units, so a wide signature squeezed into a small box still prints. Default 0.5. */
  minStrokeWidth?: number;
  /** Points closer than this (box units) to the previous kept point are dropped. Default 0.3. */
  minSegment?: number;
}

export interface InkLayout {
  commands: InkCommand[];
  /** Pen width in box units: the source width times the fit scale. */
  strokeWidth: number;
  /** Box units per source unit. */
  scale: number;
}

export const DEFAULT_STROKE_WIDTH = 2.5;

/**
 * A signature that is a single tap would otherwise be blown up to fill the whole box; no signature
 * is magnified beyond the point where the pen is 1/MAX_MAGNIFICATION of the box's short side.
 */
const MAX_MAGNIFICATION = 20;

export class InkError extends Error {
  override readonly name = 'InkError';
  readonly code = 'INVALID_ARGUMENT' as const;
}

function validate(strokes: readonly InkStroke[], box: InkBox, strokeWidth: number): void {
  if (!Array.isArray(strokes) || strokes.length === 0) throw new InkError('La firma está vacía: no tiene trazos.');
  let points = 0;
  strokes.forEach((s, i) => {
    if (!s || !Array.isArray(s.x) || !Array.isArray(s.y)) throw new InkError(`El trazo ${i + 1} de la firma no es válido.`);
    if (s.x.length !== s.y.length) throw new InkError(`El trazo ${i + 1} de la firma tiene coordenadas incompletas.`);
    for (let k = 0; k < s.x.length; k++) {
      if (!Number.isFinite(s.x[k]) || !Number.isFinite(s.y[k])) {
        throw new InkError(`El trazo ${i + 1} de la firma tiene un punto no numérico.`);
      }
    }
    points += s.x.length;
  });
  if (points === 0) throw new InkError('La firma está vacía: sus trazos no tienen puntos.');
  if (![box.x, box.y, box.width, box.height].every(Number.isFinite) || box.width <= 0 || box.height <= 0) {
    throw new InkError('El recuadro de la firma no tiene un tamaño válido.');
  }
  if (!Number.isFinite(strokeWidth) || strokeWidth <= 0) throw new InkError('El grosor del trazo debe ser mayor que cero.');
}

/** Two decimals: 1/100 pt is far below print resolution and keeps content streams small. */
function r2(v: number): number {
  return Math.round(v * 100) / 100;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * Fits the strokes into `box` (aspect ratio kept, centered, round caps included) and returns the
 * path commands, the scaled pen width and the scale. Throws {@link InkError} (Spanish message) on
 * empty or malformed input.
 */
export function inkLayout(strokes: readonly InkStroke[], box: InkBox, options: InkLayoutOptions = {}): InkLayout {
  const sw = options.strokeWidth ?? DEFAULT_STROKE_WIDTH;
  validate(strokes, box, sw);

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const s of strokes) {
    for (let k = 0; k < s.x.length; k++) {
      const x = s.x[k]!;
      const y = s.y[k]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }

  // The pen's half width sticks out past the outermost points; count it so caps stay in the box.
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const cap = Math.min(box.width, box.height) / (MAX_MAGNIFICATION * sw);
  let scale = Math.min(box.width / (spanX + sw), box.height / (spanY + sw), cap);
  let pen = sw * scale;
  const minPen = Math.min(options.minStrokeWidth ?? 0.5, box.width, box.height);
  if (pen < minPen) {
    // A fixed pen no longer scales with the points: fit the points into the box minus the pen.
    pen = minPen;
    scale = Math.min(spanX > 0 ? (box.width - pen) / spanX : cap, spanY > 0 ? (box.height - pen) / spanY : cap, cap);
  }
  const left = box.x + (box.width - spanX * scale) / 2;
  const top = (box.height - spanY * scale) / 2;
  const up = (options.yAxis ?? 'up') === 'up';
  const tx = (x: number): number => r2(left + (x - minX) * scale);
  const ty = up
    ? (y: number): number => r2(box.y + box.height - top - (y - minY) * scale)
    : (y: number): number => r2(box.y + top + (y - minY) * scale);

  const commands: InkCommand[] = [];
  const minStep = (options.minSegment ?? 0.3) / scale;
  for (const s of strokes) {
    const pts = thin(s, minStep);
    const n = pts.length / 2;
    if (n === 0) continue;
    commands.push({ op: 'M', x: tx(pts[0]!), y: ty(pts[1]!) });
    if (n === 1) {
      // A zero-length segment with round caps is painted as a dot by PDF viewers and browsers.
      commands.push({ op: 'L', x: tx(pts[0]!), y: ty(pts[1]!) });
      continue;
    }
    if (n === 2) {
      commands.push({ op: 'L', x: tx(pts[2]!), y: ty(pts[3]!) });
      continue;
    }
    for (let i = 0; i < n - 1; i++) {
      const p0 = Math.max(i - 1, 0) * 2;
      const p1 = i * 2;
      const p2 = (i + 1) * 2;
      const p3 = Math.min(i + 2, n - 1) * 2;
      // Uniform Catmull-Rom → Bézier; control points clamped to the points' bounds so the curve
      // (inside the hull of its control points) can never overshoot the box.
      const c1x = clamp(pts[p1]! + (pts[p2]! - pts[p0]!) / 6, minX, maxX);
      const c1y = clamp(pts[p1 + 1]! + (pts[p2 + 1]! - pts[p0 + 1]!) / 6, minY, maxY);
      const c2x = clamp(pts[p2]! - (pts[p3]! - pts[p1]!) / 6, minX, maxX);
      const c2y = clamp(pts[p2 + 1]! - (pts[p3 + 1]! - pts[p1 + 1]!) / 6, minY, maxY);
      commands.push({ op: 'C', x1: tx(c1x), y1: ty(c1y), x2: tx(c2x), y2: ty(c2y), x: tx(pts[p2]!), y: ty(pts[p2 + 1]!) });
    }
  }
  return { commands, strokeWidth: r2(pen), scale };
}

/**
 * Interleaved [x0, y0, x1, y1, …] keeping only points at least `minStep` (source units) from the
 * previous kept one, plus the last. Pens sample far denser than print needs; the spline through
 * the kept points looks the same and the content stream shrinks several times.
 */
function thin(s: InkStroke, minStep: number): number[] {
  const out: number[] = [];
  const n = s.x.length;
  const min2 = minStep * minStep;
  for (let k = 0; k < n; k++) {
    const x = s.x[k]!;
    const y = s.y[k]!;
    const len = out.length;
    if (len > 0) {
      const dx = x - out[len - 2]!;
      const dy = y - out[len - 1]!;
      const d2 = dx * dx + dy * dy;
      if (d2 === 0) continue;
      if (d2 < min2) {
        // The stroke's end is where the pen lifted: keep it, in place of a too-close predecessor.
        if (k === n - 1 && len > 2) {
          out[len - 2] = x;
          out[len - 1] = y;
        } else if (k === n - 1) {
          out.push(x, y);
        }
        continue;
      }
    }
    out.push(x, y);
  }
  return out;
}

/** The path commands alone; see {@link inkLayout}. */
export function inkPathCommands(strokes: readonly InkStroke[], box: InkBox, options: InkLayoutOptions = {}): InkCommand[] {
  return inkLayout(strokes, box, options).commands;
}

/**
 * SVG path data (`d`) from the commands. Pair it with `fill="none" stroke-linecap="round"
 * stroke-linejoin="round"` and the layout's strokeWidth; build the commands with yAxis 'down'.
 */
export function toSvgPath(commands: readonly InkCommand[]): string {
  const parts: string[] = [];
  for (const c of commands) {
    if (c.op === 'C') parts.push(`C${c.x1} ${c.y1} ${c.x2} ${c.y2} ${c.x} ${c.y}`);
    else parts.push(`${c.op}${c.x} ${c.y}`);
  }
  return parts.join('');
}
