/**
 * Benchmark: the cost of one PIN guess for someone who holds the data key and works offline.
 * Each guess is one scrypt derivation (src-main/services/signatures/pin.ts); the HKDF and
 * AES-GCM steps after it are microseconds. Prints ms per derivation (CPU time of this thread,
 * which is what one attacker core pays, and wall time, which the machine's load inflates), the
 * days a full search of the 6-digit space (10^6 guesses) takes on one core, and the ratio to the
 * earlier scheme (4-digit PINs, scrypt 2^15, where the whole space fell in well under a minute).
 * Run alone with `node --import tsx test/bench/pin.ts`, or import and call `run()`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { derivePinKey, LEGACY_PIN_COST, newPinKdf, PIN_KDF_COST, type PinKdf } from '../../src-main/services/signatures/pin.js';

const ROUNDS = 7;
const SIX_DIGITS = 1e6;
const FOUR_DIGITS = 1e4;
const TARGET_DAYS = 2;

async function measure(kdf: PinKdf): Promise<{ cpuMs: number; wallMs: number }> {
  await derivePinKey('000000', kdf); // warm-up: first allocation of the scrypt buffer
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await derivePinKey(String(100000 + i), kdf);
    wall.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  return { cpuMs: median(cpu), wallMs: median(wall) };
}

export async function run(): Promise<void> {
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at start`);
  const now = await measure(newPinKdf());
  const before = await measure({ ...newPinKdf(), ...LEGACY_PIN_COST });
  const days = (ms: number, guesses: number) => (ms * guesses) / 1000 / 86400;
  const cost = (k: { N: number; r: number; p: number }) => `scrypt N=2^${Math.log2(k.N)} r=${k.r} p=${k.p} (${(128 * k.N * k.r) / 2 ** 20} MiB)`;
  const full = days(now.cpuMs, SIX_DIGITS);
  console.log(`PIN now:    ${cost(PIN_KDF_COST)}: ${now.cpuMs.toFixed(0)} ms CPU per derivation (${now.wallMs.toFixed(0)} ms wall, median of ${ROUNDS})`);
  console.log(`  full search of 10^6 six-digit PINs on one core: ${full.toFixed(2)} days (${(full * 24).toFixed(0)} h); half of it on average`);
  console.log(`  target ≥ ${TARGET_DAYS} days: ${full >= TARGET_DAYS ? 'met' : 'MISSED'}`);
  const oldSeconds = (before.cpuMs * FOUR_DIGITS) / 1000;
  console.log(`PIN before: ${cost(LEGACY_PIN_COST)}: ${before.cpuMs.toFixed(0)} ms CPU per derivation; 10^4 four-digit PINs in ${oldSeconds.toFixed(0)} s on one core`);
  console.log(`  ratio: a full search now takes ${((now.cpuMs * SIX_DIGITS) / (before.cpuMs * FOUR_DIGITS)).toFixed(0)}× as long as before`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
