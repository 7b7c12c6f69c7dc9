/**
 * Benchmark (issue 14): the sync server on PostgreSQL over loopback, two `sesiona server`
 * processes on one database, as in production behind a load balancer.
 *  1. 10,000 offline mutations pushed by one client (batches of 1,000) and pulled by another
 *     (pages of 5,000): target ≤ 5 s in total.
 *  2. Propagation: one client pushes one change through process A; another, online through
 *     process B (SSE + pull), has it. p99 target < 200 ms.
 *  3. 50 concurrent clients × 200 mutations alternating between the two processes, one mutation
 *     per push (each change sent as it is made) and 20 per push (catching up after offline work):
 *     all applied exactly once; throughput and p99 push latency printed.
 * Run alone with `node --import tsx test/bench/sync.ts`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { addUser } from '../../src-server/accounts.js';
import { openDatabase } from '../../src-server/db.js';
import { migrate } from '../../src-server/migrations.js';
import type { LoginResponse, Mutation, PullResponse, PushResponse } from '../../src-shared/sync/protocol.js';
import { call, openEvents } from '../server/harness.js';
import { startServerProcess } from '../server/processes.js';
import { createDatabase, startCluster } from '../support/postgres.js';

const TARGET_BULK_MS = 5000;
const TARGET_P99_MS = 200;

function stamp(ms: number, counter: number, node: string): string {
  return `${String(ms).padStart(13, '0')}-${String(counter % 10000).padStart(4, '0')}-${node}`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<void> {
  const cluster = await startCluster();
  const databaseUrl = await createDatabase(cluster.url);
  const db = await openDatabase({ databaseUrl });
  await migrate(db);
  await addUser(db, { username: 'sofia', password: 'contraseña-bench', commission: 'CMI', role: 'secretaria' });
  await db.close();
  const [a, b] = await Promise.all([
    startServerProcess(['--database-url', databaseUrl, '--log-level', 'warn']),
    startServerProcess(['--database-url', databaseUrl, '--log-level', 'warn']),
  ]);
  try {
    const login = (await call(a, 'POST', '/v1/auth/login', undefined, { username: 'sofia', password: 'contraseña-bench' })).json as unknown as LoginResponse;
    const token = login.accessToken;
    const push = (server: { url: string }, clientId: string, mutations: Mutation[]) => call(server, 'POST', '/v1/commissions/CMI/push', token, { clientId, mutations });

    // 1. Bulk offline round.
    const N = 10_000;
    const now = Date.now();
    const offline: Mutation[] = Array.from({ length: N }, (_, i) => ({
      mutationId: i + 1,
      type: 'put',
      collection: 'activities',
      id: `act${i % 2500}`,
      hlc: stamp(now + i, i, 'bulk'),
      fields: { avance: i % 100, narrativa: `Avance del periodo, registro ${i}` },
    }));
    const t0 = performance.now();
    for (let i = 0; i < N; i += 1000) {
      const res = await push(a, 'laptop-bulk', offline.slice(i, i + 1000));
      if (res.status !== 200) throw new Error(`bulk push refused: ${res.text}`);
    }
    const tPushed = performance.now();
    let cursor = 0;
    let pulled = 0;
    for (let more = true; more; ) {
      const page = (await call(b, 'GET', `/v1/commissions/CMI/changes?since=${cursor}&limit=5000`, token)).json as unknown as PullResponse;
      pulled += page.changes.length;
      cursor = page.cursor;
      more = page.more;
    }
    const tPulled = performance.now();
    if (pulled !== N) throw new Error(`pulled ${pulled} of ${N}`);
    const bulkMs = tPulled - t0;
    console.log(`10,000 mutations: push ${(tPushed - t0).toFixed(0)} ms + pull ${(tPulled - tPushed).toFixed(0)} ms = ${bulkMs.toFixed(0)} ms (target ≤ ${TARGET_BULK_MS} ms; ${(TARGET_BULK_MS / bulkMs).toFixed(1)}× under)`);

    // 2. Propagation latency, A → B.
    const stream = await openEvents(b, 'CMI', token);
    await stream.waitFor((e) => e.event === 'hello');
    let seen = cursor;
    const latencies: number[] = [];
    for (let i = 0; i < 300; i++) {
      const before = stream.events.length;
      const start = performance.now();
      const res = (await push(a, 'laptop-live', [{ mutationId: i + 1, type: 'put', collection: 'sessions', id: 'live', hlc: stamp(now + N + i, i, 'live'), fields: { n: i } }])).json as unknown as PushResponse;
      const target = res.cursor;
      while (true) {
        await stream.waitFor(() => stream.events.slice(before).some((e) => e.event === 'changes' && (e.data as { cursor: number }).cursor >= target), 5000);
        const page = (await call(b, 'GET', `/v1/commissions/CMI/changes?since=${seen}`, token)).json as unknown as PullResponse;
        seen = page.cursor;
        if (page.changes.some((c) => c.seq === target)) break;
      }
      latencies.push(performance.now() - start);
    }
    await stream.close();
    const p99 = percentile(latencies, 99);
    console.log(`propagation A→B (push + SSE + pull), 300 changes: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (target < ${TARGET_P99_MS} ms; ${(TARGET_P99_MS / p99).toFixed(1)}× under)`);

    // 3. 50 clients × 200 mutations through two processes: one mutation per push (each change sent
    // as it is made, the worst case), then in pushes of 20 (a laptop catching up after being offline).
    const CLIENTS = 50;
    const EACH = 200;
    for (const perPush of [1, 20]) {
      const prefix = `laptop-crowd${perPush}-`;
      const pushLatencies: number[] = [];
      const t3 = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let m = 1; m <= EACH; m += perPush) {
            const batch: Mutation[] = Array.from({ length: perPush }, (_, k) => ({ mutationId: m + k, type: 'put', collection: 'activities', id: `crowd${perPush}-${c}-${(m + k) % 20}`, hlc: stamp(now + m + k, m + k, `c${c}`), fields: { m: m + k } }));
            const s = performance.now();
            const res = await push(c % 2 ? a : b, `${prefix}${c}`, batch);
            pushLatencies.push(performance.now() - s);
            if (res.status !== 200) throw new Error(`push refused: ${res.text}`);
          }
        }),
      );
      const crowdMs = performance.now() - t3;
      const check = await openDatabase({ databaseUrl });
      const { rows } = await check.query<{ n: string; distinct_n: string }>(
        'SELECT count(*)::text AS n, count(DISTINCT (client_id, mutation_id))::text AS distinct_n FROM changes WHERE client_id LIKE $1',
        [`${prefix}%`],
      );
      await check.close();
      const total = CLIENTS * EACH;
      const exactlyOnce = Number(rows[0]!.n) === total && Number(rows[0]!.distinct_n) === total;
      console.log(
        `${CLIENTS} clients × ${EACH} mutations, ${perPush} per push, via 2 processes: ${(total / (crowdMs / 1000)).toFixed(0)} mutations/s (${crowdMs.toFixed(0)} ms), ` +
          `push p50 ${percentile(pushLatencies, 50).toFixed(1)} ms, p99 ${percentile(pushLatencies, 99).toFixed(1)} ms; ${rows[0]!.n} stored, exactly once: ${exactlyOnce ? 'yes' : 'NO'}`,
      );
      if (!exactlyOnce) throw new Error('mutations were lost or applied twice');
    }
  } finally {
    await a.stop();
    await b.stop();
    await cluster.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
