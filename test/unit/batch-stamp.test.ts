import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { encodeBase30 } from '../../src-shared/signature/base30.js';
import type { InkStroke } from '../../src-shared/signature/ink-geometry.js';
import { SIGNATURE_BOX } from '../../src-main/services/pdf/acknowledgement.js';
import { stampBatch, type StampBatchResult } from '../../src-main/services/signatures/batch-stamp.js';
import { tempDir } from '../support/temp.js';

const PAGE_H = 792;
const NAME = 'JOSÉ MARÍA NÚÑEZ';

/** A cursive-looking signature on a ~350×150 px canvas: loops, an underline and an i-dot. */
function signature(): InkStroke[] {
  const loops: InkStroke = { x: [], y: [] };
  for (let t = 0; t <= 6 * Math.PI; t += 0.12) {
    const y = 80 - 40 * Math.cos(t) * (1 - t / 50);
    // Prolate cycloid (loops) with a right-hand slant.
    loops.x.push(30 + 14 * t - 28 * Math.sin(t) + (120 - y) * 0.35);
    loops.y.push(y);
  }
  const underline: InkStroke = { x: [], y: [] };
  for (let x = 10; x <= 330; x += 8) {
    underline.x.push(x);
    underline.y.push(128 + 7 * Math.sin(x / 45));
  }
  return [loops, underline, { x: [300], y: [30] }];
}

const signer = { name: 'Mtra. Araceli Gutiérrez Cortés', role: 'Secretaria Ejecutiva del Instituto Electoral de Michoacán' };

function items(count: number): { folio: string; name: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    folio: `IEM-ACU-${String(i + 1).padStart(4, '0')}`,
    name: i === 0 ? NAME : `Solicitante ${i + 1} Pérez`,
  }));
}

/** Binary PGM (P5) as written by `pdftoppm -gray`. */
function readPgm(path: string): { width: number; height: number; at(x: number, y: number): number } {
  const buf = readFileSync(path);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = buf.subarray(header[0].length);
  return { width, height, at: (x, y) => data[y * width + x]! };
}

/** Counts pixels darker than `threshold` in a rectangle given in PDF points (y up) at `dpi`. */
function darkPixels(img: ReturnType<typeof readPgm>, dpi: number, r: { x: number; y: number; width: number; height: number }, threshold = 128): number {
  const k = dpi / 72;
  const x0 = Math.floor(r.x * k);
  const x1 = Math.ceil((r.x + r.width) * k);
  const y0 = Math.floor((PAGE_H - r.y - r.height) * k);
  const y1 = Math.ceil((PAGE_H - r.y) * k);
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (img.at(x, y) < threshold) n++;
  return n;
}

describe('stampBatch', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let result: StampBatchResult;
  const progress: number[] = [];

  beforeAll(async () => {
    dir = await tempDir('sesiona-stamp-');
    const batch = [
      ...items(60),
      { folio: '../fuera', name: 'Nadie' },
      { folio: 'IEM-ACU-VACIO', name: '   ' },
      { folio: 'IEM-ACU-EMOJI', name: 'Ana 😀 Ruiz' },
      { folio: 'iem-acu-0002', name: 'Otra vez' },
    ];
    result = await stampBatch({
      items: batch,
      // Stored signatures are base30 strings; the codec turns them back into strokes.
      signer: { ...signer, strokes: encodeBase30(signature()) },
      document: { date: '2023-05-30', area: 'Comisión de Vinculación y Servicio Profesional Electoral' },
      outDir: dir.path,
      workers: 2,
      onProgress: (done, total) => progress.push(done / total),
    });
  });
  afterAll(() => dir.cleanup());

  it('writes one <folio>.pdf per valid item and nothing half-written', () => {
    expect(result.cancelled).toBe(false);
    expect(result.written).toBe(60);
    const files = readdirSync(dir.path);
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(60);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(dir.path, 'IEM-ACU-0060.pdf'))).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it('reports bad items in Spanish without stopping the batch', () => {
    expect(result.failed).toHaveLength(4);
    const byFolio = new Map(result.failed.map((f) => [f.folio, f.reason]));
    expect(byFolio.get('../fuera')).toMatch(/folio no es válido/);
    expect(byFolio.get('IEM-ACU-VACIO')).toMatch(/nombre del solicitante está vacío/);
    expect(byFolio.get('IEM-ACU-EMOJI')).toMatch(/no se puede imprimir/);
    // Same file name as IEM-ACU-0002.pdf on case-insensitive disks.
    expect(byFolio.get('iem-acu-0002')).toMatch(/repetido/);
    expect(existsSync(join(dir.path, 'fuera.pdf'))).toBe(false);
    expect(existsSync(join(dir.path, 'IEM-ACU-VACIO.pdf'))).toBe(false);
  });

  it('prints the applicant name with accents, the folio and the date as text', () => {
    const text = execFileSync('pdftotext', [join(dir.path, 'IEM-ACU-0001.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain(NAME);
    expect(text).toContain('IEM-ACU-0001');
    expect(text).toContain('30 DE MAYO DE 2023');
    expect(text).toContain('INSTITUTO ELECTORAL DE MICHOACÁN');
    expect(text).toContain('Mtra. Araceli Gutiérrez Cortés');
  });

  it('passes qpdf --check', () => {
    const out = execFileSync('qpdf', ['--check', join(dir.path, 'IEM-ACU-0001.pdf')], { encoding: 'utf8' });
    expect(out).toMatch(/No syntax or stream encoding errors/);
  });

  it('puts the ink inside the signature box and nowhere beside it', () => {
    const prefix = join(dir.path, 'page');
    execFileSync('pdftoppm', ['-r', '100', '-gray', '-singlefile', join(dir.path, 'IEM-ACU-0001.pdf'), prefix]);
    const img = readPgm(`${prefix}.pgm`);
    expect(img.width).toBe(850); // 8.5 in at 100 dpi
    expect(darkPixels(img, 100, SIGNATURE_BOX)).toBeGreaterThan(300);
    // Same height as the box, between it and the right margin: blank paper.
    const beside = { x: SIGNATURE_BOX.x + SIGNATURE_BOX.width + 30, y: SIGNATURE_BOX.y, width: 90, height: SIGNATURE_BOX.height };
    expect(darkPixels(img, 100, beside, 250)).toBe(0);
  });

  it('saves a 150 dpi rendering for people to look at', () => {
    const out = join(process.cwd(), 'test-results', 'screenshots');
    mkdirSync(out, { recursive: true });
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir.path, 'IEM-ACU-0001.pdf'), join(out, 'acuse')]);
    expect(readFileSync(join(out, 'acuse.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('stops on abort, keeps what was written and says so', async () => {
    const cancelDir = await tempDir('sesiona-stamp-cancel-');
    try {
      const controller = new AbortController();
      const r = await stampBatch({
        items: items(60),
        signer: { ...signer, strokes: signature() },
        document: { date: '2023-05-30' },
        outDir: cancelDir.path,
        workers: 2,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      expect(r.cancelled).toBe(true);
      const files = readdirSync(cancelDir.path);
      expect(r.written).toBeLessThan(60);
      expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(r.written);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await cancelDir.cleanup();
    }
  });

  it('rejects a signer without ink before writing anything', async () => {
    const emptyDir = await tempDir('sesiona-stamp-empty-');
    try {
      await expect(
        stampBatch({ items: items(3), signer: { ...signer, strokes: [] }, outDir: emptyDir.path, workers: 1 }),
      ).rejects.toThrow(/firma está vacía/);
      expect(readdirSync(emptyDir.path)).toEqual([]);
    } finally {
      await emptyDir.cleanup();
    }
  });
});
