/**
 * Property test of the protocol (issue 14, Tests): three model clients edit offline at random
 * (concurrent edits of the same records and the same draft text), then sync in random orders with
 * pushes cut off midway (only part of the outbox sent, or the answer lost after the server stored
 * it, so the client retries). At the end every client and the server hold the same data, and no
 * acknowledged edit is missing: each field holds the value of its newest stamped write, and each
 * draft holds every body update exactly once.
 *
 * The clients here are models of the protocol (outbox, mutation ids, cursor, the shared merge),
 * not the app's sync client.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src-server/accounts.js';
import type { Database } from '../../src-server/db.js';
import { HybridClock } from '../../src-shared/clock.js';
import { applyChange, emptyRecord, type MergedRecord } from '../../src-shared/sync/merge.js';
import type { Change, LoginResponse, Mutation, PullResponse, PushResponse } from '../../src-shared/sync/protocol.js';
import { BACKENDS, call, openBackend, PASSWORD, startTestServer, type TestServer } from './harness.js';

const RECORDS = ['ses1', 'ses2', 'ses3'];
const FIELDS = ['titulo', 'lugar', 'hora'];

type Action =
  | { kind: 'put'; client: number; record: number; field: number; value: string; wallSkew: number }
  | { kind: 'body'; client: number; bytes: number[] }
  | { kind: 'delete'; client: number; record: number }
  | { kind: 'sync'; client: number; cut: 'none' | 'prefix' | 'lost-answer'; prefix: number; pageSize: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('put' as const), client: fc.nat(2), record: fc.nat(2), field: fc.nat(2), value: fc.string({ maxLength: 6 }), wallSkew: fc.integer({ min: -5000, max: 5000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('body' as const), client: fc.nat(2), bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), client: fc.nat(2), record: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), client: fc.nat(2), cut: fc.constantFrom('none' as const, 'prefix' as const, 'lost-answer' as const), prefix: fc.nat(10), pageSize: fc.integer({ min: 1, max: 10 }) }) },
);

class ModelClient {
  outbox: Mutation[] = [];
  nextId = 1;
  cursor = 0;
  pulled: Change[] = [];
  wall = 1_764_600_000_000;
  readonly clock: HybridClock;
  constructor(
    readonly clientId: string,
    node: string,
  ) {
    this.clock = new HybridClock(node, () => this.wall);
  }
  state(): Map<string, MergedRecord> {
    const out = new Map<string, MergedRecord>();
    for (const c of this.pulled) {
      const key = `${c.collection}/${c.id}`;
      out.set(key, applyChange(out.get(key) ?? emptyRecord(), c));
    }
    return out;
  }
}

describe.each(BACKENDS)('convergence on %s', (backend) => {
  let db: Database;
  let server: TestServer;
  let run = 0;

  beforeAll(async () => {
    db = await openBackend(backend);
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('three clients syncing in random orders, with cut pushes, end identical and lose no acknowledged edit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 5, maxLength: 40 }), async (actions) => {
        const commission = `P${++run}`;
        await addUser(db, { username: `prop${run}`, password: PASSWORD, commission, role: 'secretaria' });
        const token = ((await server.login(`prop${run}`)) as LoginResponse).accessToken;
        const clients = [0, 1, 2].map((i) => new ModelClient(`laptop-${run}-${i}`, `n${i}`));
        const acknowledged: Mutation[] = [];

        async function sync(client: ModelClient, cut: 'none' | 'prefix' | 'lost-answer', prefix: number, pageSize: number) {
          if (client.outbox.length) {
            const sending = cut === 'prefix' ? client.outbox.slice(0, Math.max(1, prefix)) : client.outbox;
            const res = await call(server, 'POST', `/v1/commissions/${commission}/push`, token, { clientId: client.clientId, mutations: sending });
            expect(res.status, res.text).toBe(200);
            if (cut !== 'lost-answer') {
              const body = res.json as unknown as PushResponse;
              for (const r of body.results) {
                const m = client.outbox.find((x) => x.mutationId === r.mutationId)!;
                // A duplicate of an applied mutation is the late answer to a push whose answer was lost.
                if (r.status === 'applied' || (r.status === 'duplicate' && r.original === 'applied')) acknowledged.push(m);
              }
              const done = new Set(body.results.map((r) => r.mutationId));
              client.outbox = client.outbox.filter((m) => !done.has(m.mutationId));
            }
          }
          for (let more = true; more; ) {
            const page = (await call(server, 'GET', `/v1/commissions/${commission}/changes?since=${client.cursor}&limit=${pageSize}`, token)).json as unknown as PullResponse;
            for (const c of page.changes) client.clock.receive(c.hlc);
            client.pulled.push(...page.changes);
            client.cursor = page.cursor;
            more = page.more;
          }
        }

        for (const a of actions) {
          const client = clients[a.client]!;
          client.wall += 10;
          if (a.kind === 'put') {
            client.wall += a.wallSkew;
            client.outbox.push({ mutationId: client.nextId++, type: 'put', collection: 'sessions', id: RECORDS[a.record]!, hlc: client.clock.now(), fields: { [FIELDS[a.field]!]: a.value } });
          } else if (a.kind === 'body') {
            client.outbox.push({ mutationId: client.nextId++, type: 'body', collection: 'guidelines', id: 'lin1', hlc: client.clock.now(), update: Buffer.from(a.bytes).toString('base64') });
          } else if (a.kind === 'delete') {
            client.outbox.push({ mutationId: client.nextId++, type: 'delete', collection: 'sessions', id: RECORDS[a.record]!, hlc: client.clock.now() });
          } else {
            await sync(client, a.cut, a.prefix, a.pageSize);
          }
        }
        // Everyone comes online for good: two rounds so each sees the others' last pushes.
        for (let round = 0; round < 2; round++) for (const c of clients) await sync(c, 'none', 0, 50);

        const states = clients.map((c) => c.state());
        expect(states[1]).toEqual(states[0]);
        expect(states[2]).toEqual(states[0]);
        const final = states[0]!;

        // The server's merged records agree with what the clients folded.
        const { rows } = await db.query<{ collection: string; id: string; fields: Record<string, unknown>; deleted: boolean }>(
          'SELECT collection, id, fields, deleted FROM records WHERE commission = $1',
          [commission],
        );
        for (const r of rows) {
          const mine = final.get(`${r.collection}/${r.id}`)!;
          expect({ fields: r.fields, deleted: r.deleted }).toEqual({ fields: mine.fields, deleted: mine.deleted });
        }

        // No acknowledged edit is missing: the oracle is the newest stamp per field among them.
        const puts = acknowledged.filter((m): m is Extract<Mutation, { type: 'put' }> => m.type === 'put');
        for (const id of RECORDS) {
          const rec = final.get(`sessions/${id}`);
          const mine = puts.filter((m) => m.id === id);
          if (!mine.length && !rec) continue;
          if (acknowledged.some((m) => m.type === 'delete' && m.id === id)) {
            expect(rec?.deleted).toBe(true);
            continue;
          }
          for (const field of FIELDS) {
            const writes = mine.filter((m) => field in m.fields).sort((x, y) => (x.hlc < y.hlc ? 1 : -1));
            if (writes[0]) expect(rec!.fields[field]).toEqual(writes[0].fields[field]);
          }
        }
        const bodies = acknowledged.filter((m): m is Extract<Mutation, { type: 'body' }> => m.type === 'body').map((m) => m.update);
        expect([...(final.get('guidelines/lin1')?.body ?? [])].sort()).toEqual([...bodies].sort());
        // And nothing was applied twice.
        const all = clients[0]!.pulled;
        expect(new Set(all.map((c) => `${c.clientId}/${c.mutationId}`)).size).toBe(all.length);
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
