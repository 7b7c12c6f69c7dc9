/**
 * Benchmark: the store's write and open costs as a data folder grows, each beside plain lowdb
 * on the same records (one JSON file rewritten on every write, as lowdb does).
 * - one write (a session's status, fsync included) at 1k, 10k and 100k records in one
 *   collection-year: p50 and p99; target p50 ≤ 5 ms at 100k;
 * - opening a folder with 100k journal entries: target ≤ 1.5 s; lowdb reads the same records.
 * Run alone with `node --import tsx test/bench/store.ts`, or import and call `run()`.
 */
import { cp, readdir, stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { loadDemo } from '../../src-main/services/demo/load-demo.js';
import { createSession, setSessionStatus } from '../../src-main/services/sessions/sessions.js';
import { io } from '../../src-main/services/store/durable.js';
import { defineMutation, Store } from '../../src-main/services/store/store.js';
import type { Session } from '../../src-shared/domain/index.js';
import { newId } from '../../src-shared/ids.js';
import { tempDir } from '../support/temp.js';

const SIZES = [1_000, 10_000, 100_000];
// More than one checkpoint interval (2,000 entries), so p99 includes a background checkpoint.
const WRITES = 2_500;
const LOWDB_WRITES = { 1_000: 300, 10_000: 100, 100_000: 20 } as Record<number, number>;
const OPEN_ENTRIES = 100_000;
const TARGET_WRITE_P50_MS = 5;
const TARGET_OPEN_S = 1.5;
/** Issue 8's baseline: opening a folder with 10,000 journal entries took 36 s (AuditLog.open was quadratic). */
const BASELINE_OPEN_S = 36;
const BASELINE_OPEN_ENTRIES = 10_000;

/** Copies of one real session, as many as asked, in one mutation (a fixture, not a measured write). */
const fill = defineMutation({
  name: 'bench.fill',
  args: z.object({ template: z.custom<Session>(), count: z.number(), from: z.number() }),
  apply: (_ctx, { template, count, from }) => ({
    puts: Array.from({ length: count }, (_, i) => ({
      collection: 'sessions' as const,
      record: { ...template, id: newId(), number: from + i, key: `IEM-CMI-SEORD-${String(from + i).padStart(2, '0')}/2024`, agenda: [{ ...template.agenda[0]!, text: `Punto ${from + i}` }] },
    })),
    result: () => count,
  }),
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function template(store: Store): Promise<Session> {
  const cmi = store.all('commissions').find((c) => c.acronym === 'CMI')!;
  return store.mutate(
    createSession,
    { commissionId: cmi.id, type: 'ordinaria', date: '2024-03-10', modality: 'virtual', agenda: ['Lectura y, en su caso, aprobación del orden del día'] },
    'bench',
  ) as Promise<Session>;
}

/** Fixtures are built without fsync (they are not what is measured); the measured writes fsync. */
async function withoutFsync<T>(fn: () => Promise<T>): Promise<T> {
  const sync = io.sync;
  io.sync = async () => {};
  try {
    return await fn();
  } finally {
    io.sync = sync;
  }
}

async function writes(size: number): Promise<{ p50: number; p99: number; lowP50: number; lowP99: number }> {
  const dir = await tempDir('sesiona-bench-store-');
  try {
    const store = await Store.open(dir.path);
    await withoutFsync(async () => {
      await store.mutate(loadDemo, {}, 'bench');
      const t = await template(store);
      for (let done = 1; done < size; done += 1000) await store.mutate(fill, { template: t, count: Math.min(1000, size - done), from: done + 1 }, 'bench');
      await store.checkpoint();
    });
    const ids = store.all('sessions').filter((s) => s.year === 2024).map((s) => s.id);
    const times: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const t0 = performance.now();
      await store.mutate(setSessionStatus, { id, status: i % 2 ? 'celebrada' : 'cancelada' }, 'bench');
      times.push(performance.now() - t0);
    }
    const records = store.all('sessions').filter((s) => s.year === 2024);
    await store.close();

    // Plain lowdb on the same records: one file, rewritten whole on every write.
    const db = new Low<{ records: Session[] }>(new JSONFile(join(dir.path, 'lowdb.json')), { records: [] });
    db.data.records = records;
    await db.write();
    const low: number[] = [];
    for (let i = 0; i < LOWDB_WRITES[size]!; i++) {
      const t0 = performance.now();
      const r = db.data.records[(i * 7919) % db.data.records.length]!;
      r.status = i % 2 ? 'celebrada' : 'cancelada';
      await db.write();
      low.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    low.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99), lowP50: percentile(low, 50), lowP99: percentile(low, 99) };
  } finally {
    await dir.cleanup();
  }
}

async function opening(): Promise<{ clean: number; crashed: number; lowdb: number; records: number; journalMb: number }> {
  const dir = await tempDir('sesiona-bench-open-');
  try {
    let store = await Store.open(dir.path);
    await withoutFsync(async () => {
      await store.mutate(loadDemo, {}, 'bench');
      const t = await template(store);
      const cmi = store.all('commissions').find((c) => c.acronym === 'CMI')!;
      // One entry per session, as `sessions.create` writes them.
      for (let i = 2; i <= OPEN_ENTRIES - 1; i++) await store.mutate(fill, { template: { ...t, commissionId: cmi.id }, count: 1, from: i }, 'bench');
    });
    await store.close();
    let bytes = 0;
    for (const f of await readdir(join(dir.path, 'audit'))) bytes += (await stat(join(dir.path, 'audit', f))).size;

    // Each opening measured three times; the median is printed (the machine is shared).
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    const cleanRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const s = await Store.open(dir.path);
      cleanRuns.push(performance.now() - t);
      await s.close();
    }
    const clean = median(cleanRuns);
    let t0 = performance.now();
    store = await Store.open(dir.path);
    const records = store.count('sessions');
    const check = await store.verifyAudit();
    if (!check.ok || check.entries < OPEN_ENTRIES) throw new Error(`audit check after fill: ${JSON.stringify(check).slice(0, 300)}`);
    // As after a crash: up to one checkpoint interval of journal to replay.
    await withoutFsync(async () => {
      const t = store.all('sessions')[0]!;
      for (let i = 0; i < 1999; i++) await store.mutate(setSessionStatus, { id: t.id, status: i % 2 ? 'celebrada' : 'cancelada' }, 'bench');
    });
    const crashedDir = await tempDir('sesiona-bench-crashed-');
    // Copied while the store is open (no final checkpoint), like a power cut.
    await cp(dir.path, crashedDir.path, { recursive: true, filter: (src) => !src.endsWith('sesiona.lock') });
    await store.close();
    const crashedRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      // A fresh copy each time: opening and closing would checkpoint it.
      const again = await tempDir('sesiona-bench-crashed-');
      await cp(crashedDir.path, again.path, { recursive: true });
      t0 = performance.now();
      const crashedStore = await Store.open(again.path);
      crashedRuns.push(performance.now() - t0);
      await crashedStore.close();
      await again.cleanup();
    }
    const crashed = median(crashedRuns);
    await crashedDir.cleanup();

    const lowRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      const db = new Low<{ records: Session[] }>(new JSONFile(join(dir.path, 'data', 'sessions', '2024.json')), { records: [] });
      await db.read();
      lowRuns.push(performance.now() - t0);
    }
    const lowdb = median(lowRuns);
    return { clean, crashed, lowdb, records, journalMb: bytes / 1e6 };
  } finally {
    await dir.cleanup();
  }
}

export async function run(): Promise<void> {
  let missed = false;
  // Figures on a shared machine move with its load; print it beside them.
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at start`);
  console.log('one write (a session status; journal append + fsync), one collection-year:');
  for (const size of SIZES) {
    const r = await writes(size);
    const met = size !== 100_000 || r.p50 <= TARGET_WRITE_P50_MS;
    if (!met) missed = true;
    console.log(
      `  ${String(size).padStart(7)} records: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms` +
        `  | plain lowdb (no fsync) p50 ${r.lowP50.toFixed(2)} ms, p99 ${r.lowP99.toFixed(2)} ms` +
        `  | ratio ${(r.lowP50 / r.p50).toFixed(1)}× faster${size === 100_000 ? `  (target p50 ≤ ${TARGET_WRITE_P50_MS} ms: ${met ? 'met' : 'MISSED'})` : ''}`,
    );
  }
  const o = await opening();
  const met = o.clean / 1000 <= TARGET_OPEN_S && o.crashed / 1000 <= TARGET_OPEN_S;
  if (!met) missed = true;
  console.log(`opening a folder with ${OPEN_ENTRIES} journal entries (${o.records} sessions, journal ${o.journalMb.toFixed(0)} MB):`);
  console.log(`  after a clean close:             ${(o.clean / 1000).toFixed(2)} s`);
  console.log(`  after a crash (2,000 to replay): ${(o.crashed / 1000).toFixed(2)} s`);
  console.log(`  plain lowdb reading the same records: ${(o.lowdb / 1000).toFixed(2)} s  (target ≤ ${TARGET_OPEN_S} s: ${met ? 'met' : 'MISSED'})`);
  const slower = Math.max(o.clean, o.crashed) / 1000;
  console.log(
    `  issue 8's baseline: ${BASELINE_OPEN_S} s at ${BASELINE_OPEN_ENTRIES.toLocaleString('en-US')} entries; now ${slower.toFixed(2)} s at ` +
      `${OPEN_ENTRIES.toLocaleString('en-US')}: ratio ${(BASELINE_OPEN_S / slower).toFixed(0)}× faster with ${OPEN_ENTRIES / BASELINE_OPEN_ENTRIES}× the entries`,
  );
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  console.log(missed ? 'TARGET MISSED' : 'targets met');
  if (missed) throw new Error('store benchmark missed a target');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
