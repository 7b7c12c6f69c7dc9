/**
 * Benchmark (issue 14, the app's side): two data folders and one server on PostgreSQL over loopback.
 *  1. 10,000 records written offline on laptop A (100 commits of 100), then one round on A (fold
 *     the journal, push) and one on B (pull, merge into its store): target ≤ 5 s in total, the
 *     issue's figure for the protocol, here with the app's journal, merge and commits included.
 *  2. Propagation: both laptops in background mode (SSE); a change committed on A is in B's store.
 *     p99 target < 200 ms (the issue's), with A's 100 ms push pause counted in.
 * Run alone with `node --import tsx test/bench/sync-client.ts`.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { addUser } from '../../src-server/accounts.js';
import { buildServer } from '../../src-server/app.js';
import { openDatabase } from '../../src-server/db.js';
import { migrate } from '../../src-server/migrations.js';
import { openApp } from '../../src-main/services/app/open-app.js';
import { defineMutation, type Put } from '../../src-main/services/store/store.js';
import { engineFor } from '../../src-main/services/sync/registry.js';
import { createDatabase, startCluster } from '../support/postgres.js';
import { tempDir } from '../support/temp.js';

const TARGET_BULK_MS = 5000;
const TARGET_P99_MS = 200;
const PASSWORD = 'contraseña-bench';

const addPeople = defineMutation({
  name: 'bench.addPeople',
  args: z.object({ n: z.number(), from: z.number() }),
  apply(ctx, { n, from }) {
    const puts: Put[] = [];
    for (let i = 0; i < n; i++) puts.push({ collection: 'people', record: { id: ctx.newId(), title: 'LIC.', name: `PERSONA ${from + i}`, rfc: null, curp: null, email: null } });
    return { puts, result: () => puts.map((p) => p.record.id) };
  },
});
const rename = defineMutation({
  name: 'bench.rename',
  args: z.object({ id: z.string(), name: z.string() }),
  apply(ctx, { id, name }) {
    return { puts: [{ collection: 'people', record: { ...ctx.get('people', id)!, name } }], result: () => undefined };
  },
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<void> {
  const cluster = await startCluster();
  const db = await openDatabase({ databaseUrl: await createDatabase(cluster.url) });
  await migrate(db);
  await addUser(db, { username: 'sofia', password: PASSWORD, commission: 'CMI', role: 'secretaria' });
  const server = await buildServer({ db });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  const dir = await tempDir('sesiona-bench-sync-');
  const a = await openApp({ dataDir: `${dir.path}/a`, host: 'cli', demo: false });
  const b = await openApp({ dataDir: `${dir.path}/b`, host: 'cli', demo: false });
  try {
    const N = 10_000;
    for (let i = 0; i < N; i += 100) await a.store.mutate(addPeople, { n: 100, from: i }, 'bench');
    const ea = await engineFor(a.store, a.vault);
    const eb = await engineFor(b.store, b.vault);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await ea.signIn(url, 'sofia', PASSWORD);
    const pushed = await ea.sync();
    const t1 = performance.now();
    await eb.signIn(url, 'sofia', PASSWORD);
    const pulled = await eb.sync();
    const t2 = performance.now();
    if (pushed.pushed !== N || pulled.pulled !== N || b.store.count('people') !== N) {
      throw new Error(`bulk: pushed ${pushed.pushed}, pulled ${pulled.pulled}, B holds ${b.store.count('people')} of ${N}`);
    }
    const bulk = t2 - t1 + (t1 - t0);
    const cpu = process.cpuUsage(cpu0);
    // Eight sessions share two cores here: the load and this process's CPU (both laptops and the server; PostgreSQL apart) say how much was waiting.
    console.log(`bulk: CPU of this process ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(1)}`);
    console.log(`bulk: ${N} offline records — A folds and pushes in ${(t1 - t0).toFixed(0)} ms, B pulls and merges in ${(t2 - t1).toFixed(0)} ms`);
    console.log(`bulk total ${bulk.toFixed(0)} ms (target ≤ ${TARGET_BULK_MS} ms): ratio ${(bulk / TARGET_BULK_MS).toFixed(2)} of the target`);

    ea.startBackground();
    eb.startBackground();
    await new Promise((r) => setTimeout(r, 1000)); // both follow the event stream
    const ids = a.store.all('people').slice(0, 60).map((p) => p.id);
    const latencies: number[] = [];
    for (const [i, id] of ids.entries()) {
      const name = `RENOMBRADA ${i}`;
      const start = performance.now();
      await a.store.mutate(rename, { id, name }, 'bench');
      while (b.store.get('people', id)?.name !== name) {
        if (performance.now() - start > 10_000) throw new Error(`change ${i} did not arrive in 10 s`);
        await new Promise((r) => setTimeout(r, 2));
      }
      latencies.push(performance.now() - start);
    }
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(`propagation A → B through the app: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms over ${latencies.length} changes (includes the 100 ms push pause)`);
    console.log(`propagation p99 target < ${TARGET_P99_MS} ms: ratio ${(p99 / TARGET_P99_MS).toFixed(2)} of the target`);
  } finally {
    await a.close();
    await b.close();
    await server.close();
    await db.close();
    await cluster.stop();
    await dir.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
