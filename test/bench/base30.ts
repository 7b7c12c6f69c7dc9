/**
 * Benchmark: our base30 codec vs jSignature 2.x's own compressor/decompressor, same strokes, same run.
 * Run alone with `node --import tsx test/bench/base30.ts`, or import and call `run()`.
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { decodeBase30, encodeBase30 } from '../../src-shared/signature/base30.js';
import { loadJSignatureBase30, type Strokes } from '../support/jsignature-reference.js';

const SIGNATURES = 2000;
const WARMUP_ROUNDS = 3;
const ROUNDS = 11;
const TARGET = 5;

/** Mulberry32: small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Signatures as a pen on a ~600×200 canvas draws them: 3–8 strokes of 30–200 points, smooth
 * movement of a few pixels per sample; half of the signatures have fractional coordinates
 * (touch screens / scaled canvases), the other half integer ones.
 */
export function makeSignatures(count = SIGNATURES, seed = 0x5e5105a): Strokes[][] {
  const rnd = prng(seed);
  const out: Strokes[][] = [];
  for (let s = 0; s < count; s++) {
    const fractional = rnd() < 0.5;
    const strokes: Strokes[] = [];
    const nStrokes = 3 + Math.floor(rnd() * 6);
    let px = 20 + rnd() * 100;
    for (let k = 0; k < nStrokes; k++) {
      const n = 30 + Math.floor(rnd() * 171);
      const x: number[] = [];
      const y: number[] = [];
      let cx = px + rnd() * 60;
      let cy = 40 + rnd() * 120;
      let vx = (rnd() - 0.3) * 4;
      let vy = (rnd() - 0.5) * 6;
      for (let i = 0; i < n; i++) {
        vx = vx * 0.9 + (rnd() - 0.45) * 2.5;
        vy = vy * 0.85 + (rnd() - 0.5) * 5;
        cx += vx;
        cy = Math.min(200, Math.max(0, cy + vy));
        x.push(fractional ? Math.round(cx * 100) / 100 : Math.round(cx));
        y.push(fractional ? Math.round(cy * 100) / 100 : Math.round(cy));
      }
      px = cx;
      strokes.push({ x, y });
    }
    out.push(strokes);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

let sink = 0;

/** Milliseconds of one call of `fn`. */
function once(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Median milliseconds of each contender after `WARMUP_ROUNDS` untimed rounds. Rounds interleave
 * the contenders (alternating which goes first) so that machine load hits them alike.
 */
function race(contenders: (() => void)[]): number[] {
  for (let r = 0; r < WARMUP_ROUNDS; r++) for (const fn of contenders) fn();
  const times: number[][] = contenders.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? contenders.map((_, i) => i) : contenders.map((_, i) => contenders.length - 1 - i);
    for (const i of order) (times[i] as number[]).push(once(contenders[i] as () => void));
  }
  return times.map(median);
}

function line(what: string, bytes: number, oursMs: number, refMs: number): string {
  const mbs = (ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(1);
  const ratio = refMs / oursMs;
  return (
    `base30 ${what}: ours ${mbs(oursMs)} MB/s (${oursMs.toFixed(1)} ms), ` +
    `jSignature ${mbs(refMs)} MB/s (${refMs.toFixed(1)} ms), ratio ${ratio.toFixed(1)}× (target ≥ ${TARGET}×)` +
    (ratio >= TARGET ? '' : '  ** BELOW TARGET **')
  );
}

export async function run(): Promise<void> {
  const ref = loadJSignatureBase30();
  const signatures = makeSignatures();
  const encoded = signatures.map((s) => ref.compressStrokes(s));
  let bytes = 0;
  let points = 0;
  for (let i = 0; i < signatures.length; i++) {
    const str = encoded[i] as string;
    bytes += str.length;
    for (const st of signatures[i] as Strokes[]) points += st.x.length;
    // Sanity: both directions agree with jSignature before timing anything.
    if (encodeBase30(signatures[i] as Strokes[]) !== str) throw new Error(`encode differs on signature ${i}`);
    if (JSON.stringify(decodeBase30(str)) !== JSON.stringify(ref.uncompressStrokes(str))) {
      throw new Error(`decode differs on signature ${i}`);
    }
  }

  const [encOurs, encRef] = race([
    () => {
      for (const s of signatures) sink += encodeBase30(s).length;
    },
    () => {
      for (const s of signatures) sink += ref.compressStrokes(s).length;
    },
  ]) as [number, number];
  const [decOurs, decRef] = race([
    () => {
      for (const str of encoded) sink += decodeBase30(str).length;
    },
    () => {
      for (const str of encoded) sink += ref.uncompressStrokes(str).length;
    },
  ]) as [number, number];

  console.log(
    `base30: ${signatures.length} signatures, ${points} points, ${(bytes / 1e6).toFixed(2)} MB encoded; ` +
      `median of ${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up (sink ${sink % 10})`,
  );
  console.log(line('encode', bytes, encOurs, encRef));
  console.log(line('decode', bytes, decOurs, decRef));
  await Promise.resolve();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
