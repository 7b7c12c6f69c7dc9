/**
 * Benchmark: verifying 1,000 sealed actas signed by two members (each a different document),
 * with trusted roots, against poppler's pdfsig on the same files, one process per file as a
 * user would run it. Also the time and peak memory of refusing the corpus' hostile files
 * (decompression bomb, deep nesting), each in a fresh process; the issue's bound is 2 s and
 * 256 MB. Run alone with `node --import tsx test/bench/verify.ts`, or import and call `run()`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { signPdf, verifyPdf } from '../../src-main/services/pdfsign/index.js';
import { sealPdf } from '../../src-main/services/printcheck/index.js';
import { testPki } from '../support/pdfsign-certs.js';
import { demoActa } from '../support/printcheck-fixtures.js';

const DOCS = 1000;
const ROUNDS = 3;
const CORPUS = resolve(fileURLToPath(new URL('../fixtures/attacks', import.meta.url)));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

/** Verifies one file in a fresh Node process and reports its time, peak RSS and outcome. */
function hostile(file: string): { ms: number; rssMb: number; message: string } {
  const script = `
    const { readFileSync } = await import('node:fs');
    const { verifyPdf } = await import(${JSON.stringify(pathToFileURL(resolve('src-main/services/pdfsign/index.ts')).href)});
    const pdf = readFileSync(${JSON.stringify(file)});
    const before = process.resourceUsage().maxRSS;
    const t0 = performance.now();
    let message = 'verified';
    try { verifyPdf(pdf); } catch (e) { message = e.message; }
    const ms = performance.now() - t0;
    console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, baseMb: before / 1024, message }));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as { ms: number; rssMb: number; message: string };
}

export async function run(): Promise<void> {
  const pki = testPki();
  const [m1, m2, sealer] = pki.signers;
  const acta = await demoActa();
  const dir = await mkdtemp(join(tmpdir(), 'sesiona-verify-bench-'));
  try {
    const files: Buffer[] = [];
    const paths: string[] = [];
    for (let i = 0; i < DOCS; i++) {
      const meta = { documentId: `01JQ8ZK3V7M2N4P6R8T0W${String(i).padStart(5, '0')}`, kind: 'acta', title: `Acta ${i}`, lockedAt: new Date('2026-03-02T17:30:00Z'), signers: acta.slots.map((s) => s.name) };
      const sealed = sealPdf(Buffer.from(acta.pdf), meta, sealer);
      const pdf = signPdf(signPdf(sealed.pdf, m1, { reason: 'Aprobación del acta' }), m2, { reason: 'Aprobación del acta' });
      const path = join(dir, `acta-${i}.pdf`);
      await writeFile(path, pdf);
      files.push(pdf);
      paths.push(path);
    }
    const roots = [pki.ca.certificate, sealer.certificate];
    const sizeKb = files.reduce((n, f) => n + f.length, 0) / DOCS / 1024;
    console.log(`${DOCS} sealed actas, 2 signatures each, ${sizeKb.toFixed(0)} KB on average`);

    // Warm-up (JIT), then rounds over the files in memory.
    for (const pdf of files.slice(0, 100)) verifyPdf(pdf, roots);
    const rates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      let valid = 0;
      for (const pdf of files) {
        const report = verifyPdf(pdf, roots);
        if (report.signatures.length === 2 && report.signatures.every((s) => s.verdict === 'valid')) valid++;
      }
      const seconds = (performance.now() - t0) / 1000;
      if (valid !== DOCS) throw new Error(`only ${valid} of ${DOCS} verified as valid`);
      rates.push(DOCS / seconds);
      console.log(`verify round ${round + 1}: ${DOCS} docs in ${seconds.toFixed(2)} s = ${(DOCS / seconds).toFixed(0)} docs/s`);
    }
    const ours = median(rates);

    // pdfsig on the same files, one process per file.
    const t0 = performance.now();
    let pdfsigValid = 0;
    for (const path of paths) {
      const out = spawnSync('/usr/bin/pdfsig', [path], { encoding: 'utf8' }).stdout;
      if ((out.match(/Signature is Valid\./g) ?? []).length === 2) pdfsigValid++;
    }
    const pdfsigSeconds = (performance.now() - t0) / 1000;
    const theirs = DOCS / pdfsigSeconds;
    console.log(`pdfsig: ${DOCS} docs in ${pdfsigSeconds.toFixed(2)} s = ${theirs.toFixed(0)} docs/s (${pdfsigValid} with both signatures valid)`);
    console.log(`verify: ${ours.toFixed(0)} docs/s (median of ${ROUNDS}), ${(ours / theirs).toFixed(1)}× pdfsig`);

    for (const name of ['decompression-bomb.pdf', 'deep-nesting.pdf']) {
      const file = join(CORPUS, name);
      const r = hostile(file);
      const kb = (await readFile(file)).length / 1024;
      console.log(`hostile ${name} (${kb.toFixed(0)} KB): refused in ${r.ms.toFixed(0)} ms, peak RSS ${r.rssMb.toFixed(0)} MB (bound: 2,000 ms, 256 MB): ${r.message}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
