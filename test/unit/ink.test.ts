import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, it, expect } from 'vitest';
import { drawInk, inkOperators, operatorsToContent } from '../../src-main/services/pdf/ink.js';
import {
  InkError,
  inkLayout,
  inkPathCommands,
  toSvgPath,
  type InkBox,
  type InkCommand,
  type InkStroke,
} from '../../src-shared/signature/ink-geometry.js';
import { tempDir } from '../support/temp.js';

/** Every coordinate a command mentions (control points included: the curve lies in their hull). */
function coords(commands: InkCommand[]): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const c of commands) {
    if (c.op === 'C') {
      xs.push(c.x1, c.x2, c.x);
      ys.push(c.y1, c.y2, c.y);
    } else {
      xs.push(c.x);
      ys.push(c.y);
    }
  }
  return { xs, ys };
}

const wide: InkStroke[] = [
  { x: [10, 60, 110, 160, 210, 260, 310, 410], y: [50, 10, 90, 20, 80, 30, 70, 50] },
  { x: [100, 300], y: [110, 110] },
];
const box: InkBox = { x: 100, y: 200, width: 220, height: 84 };

describe('inkLayout / inkPathCommands', () => {
  it('keeps the aspect ratio and centers the signature in the box', () => {
    const { commands, strokeWidth } = inkLayout(wide, box);
    const pts = commands.map((c) => ({ x: c.x, y: c.y }));
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    // Source points span 400 × 100.
    expect(w / h).toBeCloseTo(400 / 100, 1);
    // Wide signature: it fills the width (minus the pen) and is centered vertically.
    expect(w + strokeWidth).toBeCloseTo(box.width, 0);
    const midY = (Math.max(...ys) + Math.min(...ys)) / 2;
    expect(midY).toBeCloseTo(box.y + box.height / 2, 1);
  });

  it('puts every point, control point and round cap inside the box', () => {
    for (const strokes of [wide, [{ x: [0, 5, 0, 5, 0], y: [0, 300, 600, 900, 1200] }]]) {
      const { commands, strokeWidth } = inkLayout(strokes, box);
      const { xs, ys } = coords(commands);
      const half = strokeWidth / 2;
      expect(Math.min(...xs) - half).toBeGreaterThanOrEqual(box.x - 0.01);
      expect(Math.max(...xs) + half).toBeLessThanOrEqual(box.x + box.width + 0.01);
      expect(Math.min(...ys) - half).toBeGreaterThanOrEqual(box.y - 0.01);
      expect(Math.max(...ys) + half).toBeLessThanOrEqual(box.y + box.height + 0.01);
    }
  });

  it('flips y for PDF: the top of the signature on screen is the top in the page', () => {
    const strokes = [{ x: [0, 100], y: [0, 50] }]; // goes right and DOWN on screen
    const [m, l] = inkPathCommands(strokes, box) as [InkCommand, InkCommand];
    expect(m.y).toBeGreaterThan(l.y);
    const [m2, l2] = inkPathCommands(strokes, box, { yAxis: 'down' }) as [InkCommand, InkCommand];
    expect(m2.y).toBeLessThan(l2.y);
  });

  it('smooths strokes of three or more points into cubic curves through the points', () => {
    const commands = inkPathCommands([{ x: [0, 50, 100, 150], y: [0, 40, 0, 40] }], box);
    expect(commands.map((c) => c.op)).toEqual(['M', 'C', 'C', 'C']);
  });

  it('draws a single-point stroke as a dot (zero-length segment with round caps)', () => {
    const commands = inkPathCommands([{ x: [10, 200], y: [10, 60] }, { x: [150], y: [5] }], box);
    const dot = commands.slice(2);
    expect(dot).toHaveLength(2);
    expect(dot[0]).toMatchObject({ op: 'M' });
    expect(dot[1]).toMatchObject({ op: 'L', x: dot[0]!.x, y: dot[0]!.y });
  });

  it('shows a signature that is one tap as a small dot, not a blot filling the box', () => {
    const { commands, strokeWidth } = inkLayout([{ x: [40], y: [40] }], box);
    expect(commands).toHaveLength(2);
    expect(strokeWidth).toBeLessThan(box.height / 10);
    expect(commands[0]).toMatchObject({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
  });

  it('keeps a visible pen when a very wide signature is squeezed into the box', () => {
    const { strokeWidth } = inkLayout([{ x: [0, 5000], y: [0, 10] }], box);
    expect(strokeWidth).toBeGreaterThanOrEqual(0.5);
  });

  it('drops points that are closer together than print can show, keeping stroke ends', () => {
    const x = Array.from({ length: 2001 }, (_, i) => i * 0.2);
    const strokes = [{ x, y: x.map((v) => Math.sin(v / 20) * 30) }];
    const thinned = inkPathCommands(strokes, box);
    const full = inkPathCommands(strokes, box, { minSegment: 0 });
    expect(full).toHaveLength(2001);
    expect(thinned.length).toBeLessThan(full.length / 2);
    expect(thinned[0]).toEqual(full[0]);
    expect(thinned.at(-1)).toMatchObject({ x: full.at(-1)!.x, y: full.at(-1)!.y });
  });

  it('rejects empty or malformed ink with a Spanish message', () => {
    expect(() => inkPathCommands([], box)).toThrow(InkError);
    expect(() => inkPathCommands([], box)).toThrow(/firma está vacía/);
    expect(() => inkPathCommands([{ x: [], y: [] }], box)).toThrow(/firma está vacía/);
    expect(() => inkPathCommands([{ x: [1, 2], y: [1] }], box)).toThrow(/coordenadas incompletas/);
    expect(() => inkPathCommands([{ x: [1, NaN], y: [1, 2] }], box)).toThrow(/no numérico/);
    expect(() => inkPathCommands(wide, { ...box, width: 0 })).toThrow(/recuadro/);
  });
});

describe('toSvgPath', () => {
  it('builds an SVG path "d" string from the same commands', () => {
    const commands = inkPathCommands([{ x: [0, 50, 100], y: [0, 50, 0] }, { x: [120], y: [20] }], { x: 0, y: 0, width: 300, height: 100 }, { yAxis: 'down' });
    const d = toSvgPath(commands);
    const num = String.raw`-?\d+(?:\.\d+)?`;
    const pair = `${num} ${num}`;
    expect(d).toMatch(new RegExp(`^M${pair}(C${pair} ${pair} ${pair})+M${pair}L${pair}$`));
    expect(d).not.toMatch(/NaN|e[+-]/);
  });
});

describe('drawInk', () => {
  it('writes vector paths with round caps and joins', () => {
    const content = operatorsToContent(inkOperators(wide, box));
    expect(content).toMatch(/^q\n/);
    expect(content).toMatch(/\n1 J\n1 j\n/);
    expect(content).toMatch(/ c\n/);
    expect(content).toMatch(/\nS\nQ\n$/);
  });

  it('paints a single-point signature as a visible dot in a real renderer', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 100]);
    drawInk(page, [{ x: [40], y: [40] }], { x: 50, y: 20, width: 100, height: 60 });
    const dir = await tempDir('sesiona-ink-');
    try {
      const pdf = join(dir.path, 'dot.pdf');
      writeFileSync(pdf, await doc.save());
      execFileSync('pdftoppm', ['-r', '144', '-gray', '-singlefile', pdf, join(dir.path, 'dot')]);
      const pgm = readFileSync(join(dir.path, 'dot.pgm'));
      const [, w, h] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString('latin1'))!.map(Number) as number[];
      const pixels = pgm.subarray(pgm.length - w! * h!);
      // Box center (100, 50) in points is (200, 100) in pixels at 144 dpi, y from the top.
      expect(pixels[100 * w! + 200]).toBeLessThan(128);
      let dark = 0;
      for (const p of pixels) if (p < 128) dark++;
      expect(dark).toBeGreaterThan(4);
      expect(dark).toBeLessThan(200);
    } finally {
      await dir.cleanup();
    }
  });
});
