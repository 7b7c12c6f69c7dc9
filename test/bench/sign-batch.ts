/**
 * Benchmark: PAdES batch signing of one-page PDFs, against the stock @signpdf route
 * (new P12Signer per document, placeholder-plain), measured here at 24–29 signatures/s.
 * Run alone with `node --import tsx test/bench/sign-batch.ts`, or import and call `run()`.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { signBatch } from '../../src-main/services/pdfsign/batch.js';
import { signPdf } from '../../src-main/services/pdfsign/incremental.js';
import { verifyPdf } from '../../src-main/services/pdfsign/verify.js';
import { testPki } from '../support/pdfsign-certs.js';

const DOCS = 2000;
const STOCK_ROUTE = 26.5;
const TARGET = 500;
const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

/** One-page acts that differ per document, half with object streams, half with classic xref. */
async function makeInputs(dir: string, count: number): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([612, 792]);
    page.drawText(`ACTA DE LA SESIÓN ORDINARIA IEM-CMI-SEORD-${String(i % 12).padStart(2, '0')}/2023`, { x: 50, y: 720, size: 12, font });
    page.drawText(`Documento ${i + 1} de ${count}`, { x: 50, y: 700, size: 10, font });
    const bytes = await doc.save({ useObjectStreams: i % 2 === 0 });
    const path = join(dir, `acta-${i}.pdf`);
    await writeFile(path, bytes);
    paths.push(path);
  }
  return paths;
}

export async function run(): Promise<void> {
  const pki = testPki();
  const signer = pki.signers[1];
  const dir = await mkdtemp(join(tmpdir(), 'sesiona-sign-bench-'));
  try {
    const inDir = join(dir, 'in');
    const outDir = join(dir, 'out');
    await mkdir(inDir);
    await mkdir(outDir);
    const inputs = await makeInputs(inDir, DOCS);
    const opts = { reason: 'Aprobación del acta', location: 'Morelia, Michoacán' };

    // Warm-up (JIT, caches) on a slice, into a separate folder.
    await mkdir(join(dir, 'warm'));
    await signBatch(inputs.slice(0, 100).map((path, i) => ({ in: path, out: join(dir, 'warm', `${i}.pdf`) })), signer, opts);

    // Rounds into fresh folders; the first also competes with the writeback of the inputs just
    // generated, so the median is the figure to read.
    const rates: number[] = [];
    let lastOutputs: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const roundDir = join(outDir, String(round));
      await mkdir(roundDir);
      const roundFiles = inputs.map((path, i) => ({ in: path, out: join(roundDir, `acta-${i}.firmada.pdf`) }));
      const t0 = performance.now();
      const result = await signBatch(roundFiles, signer, opts);
      const seconds = (performance.now() - t0) / 1000;
      if (result.failed.length > 0) throw new Error(`${result.failed.length} failed: ${result.failed[0]?.message}`);
      rates.push(DOCS / seconds);
      console.log(`sign-batch round ${round + 1}: ${DOCS} docs in ${seconds.toFixed(2)} s = ${(DOCS / seconds).toFixed(0)} signatures/s`);
      lastOutputs = roundFiles.map((f) => f.out);
    }

    // Spot-check outside the timed region.
    for (const i of [0, 1, DOCS - 1]) {
      const report = verifyPdf(await readFile(lastOutputs[i] as string), [pki.ca.certificate]);
      const sig = report.signatures[0];
      if (!sig?.integrity || !sig.chainTrusted) throw new Error(`output ${i} does not verify`);
    }

    // The same work without the disk, for reference.
    const buffers = await Promise.all(inputs.map((path) => readFile(path)));
    const m0 = performance.now();
    for (const pdf of buffers) signPdf(pdf, signer, opts);
    const memoryRate = DOCS / ((performance.now() - m0) / 1000);

    const rate = median(rates);
    console.log(
      `sign-batch: ${DOCS} one-page PDFs (files in, files out), median of ${ROUNDS} rounds ${rate.toFixed(0)} signatures/s ` +
        `(${(DOCS / rate).toFixed(2)} s); ratio ${(rate / STOCK_ROUTE).toFixed(1)}× the stock @signpdf route (${STOCK_ROUTE}/s); ` +
        `slowest round ${Math.min(...rates).toFixed(0)}/s; target ≥ ${TARGET}/s` +
        (rate >= TARGET ? '' : '  ** BELOW TARGET **'),
    );
    console.log(`sign-batch: in memory (no disk) ${memoryRate.toFixed(0)} signatures/s`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
