/**
 * Benchmark: full-text search in the archive. N stored acknowledgements (real PDFs through the
 * store); the first search extracts every PDF's text with pdf.js (what a cold start pays once),
 * later searches read the in-memory text index, and after a restart the text comes from index/text/. Baseline: extracting the text on every search,
 * which is what a search without an index costs each time.
 * Run alone with `node --import tsx test/bench/archive-search.ts`, or import and call `run()`.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { listArchive, textIndex } from '../../src-main/services/archive/archive.js';
import { storeDocument } from '../../src-main/services/documents/documents.js';
import { createAcknowledgementTemplate } from '../../src-main/services/pdf/acknowledgement.js';
import { Store } from '../../src-main/services/store/store.js';
import { newId } from '../../src-shared/ids.js';
import { tempDir } from '../support/temp.js';

const DOCUMENTS = Number(process.env.ARCHIVE_BENCH_DOCS ?? 500);
const SEARCHES = 20;

export async function run(): Promise<void> {
  const dir = await tempDir('sesiona-bench-archive-');
  let store = await Store.open(dir.path);
  try {
    const strokes = [{ x: [0, 40, 80, 120], y: [20, 0, 30, 10] }];
    const template = createAcknowledgementTemplate({ name: 'LICDA. CAROL BERENICE ARELLANO RANGEL', role: 'Consejera Presidenta', strokes }, { date: '2026-03-01' });
    for (let i = 0; i < DOCUMENTS; i++) {
      const folio = `F-${String(i).padStart(6, '0')}`;
      const pdf = await template.render({ folio, name: `Solicitante número ${i} Núñez` });
      await storeDocument(store, { id: newId(), kind: 'acuse', title: `Acuse ${folio}`, fileName: `acuse-${folio}.pdf`, inkFrom: [], status: 'firmado', signers: [], documentTimestamps: [] }, pdf, 'bench');
    }
    const t0 = performance.now();
    const first = await listArchive(store, { text: `solicitante número ${DOCUMENTS - 1} nunez` });
    const cold = performance.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const t = performance.now();
      await listArchive(store, { text: `número ${(i * 37) % DOCUMENTS} nunez` });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const warm = times[Math.floor(times.length / 2)]!;
    console.log(`machine load (1 min): ${loadavg()[0]!.toFixed(2)}`);
    console.log(`${DOCUMENTS} acknowledgements; first search found ${first.length}`);
    console.log(`first search (extracts every PDF's text with pdf.js): ${cold.toFixed(0)} ms = ${(cold / DOCUMENTS).toFixed(2)} ms per document`);
    console.log(`later searches, median of ${SEARCHES}: ${warm.toFixed(1)} ms`);
    console.log(`baseline (extract on every search, = first search): ${cold.toFixed(0)} ms; ratio ${(cold / warm).toFixed(0)}× faster with the index`);
    textIndex(store).prune();
    // A restart: the text comes from index/text/ instead of pdf.js.
    await store.close();
    store = await Store.open(dir.path);
    const t1 = performance.now();
    await listArchive(store, { text: `solicitante número 1 nunez` });
    const restart = performance.now() - t1;
    console.log(`first search after a restart (text read from index/text/): ${restart.toFixed(0)} ms; ratio ${(cold / restart).toFixed(1)}× faster than extracting again`);
  } finally {
    await store.close();
    await dir.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
