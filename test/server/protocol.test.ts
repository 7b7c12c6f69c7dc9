import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src-server/db.js';
import { applyChange, emptyRecord } from '../../src-shared/sync/merge.js';
import type { Change, LoginResponse, PullResponse, PushResponse } from '../../src-shared/sync/protocol.js';
import { BACKENDS, call, hlc, openBackend, openEvents, put, startTestServer, type TestServer } from './harness.js';

describe.each(BACKENDS)('sync protocol on %s', (backend) => {
  let db: Database;
  let server: TestServer;
  let secretaria: LoginResponse;
  let consejera: LoginResponse;
  let consejero: LoginResponse;

  beforeAll(async () => {
    db = await openBackend(backend);
    server = await startTestServer(db);
    secretaria = await server.user('sofia', 'CMI', 'secretaria');
    consejera = await server.user('araceli', 'CMI', 'presidencia');
    consejero = await server.user('carlos', 'CMI', 'integrante');
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  const push = (token: string, clientId: string, mutations: unknown[]) => call(server, 'POST', '/v1/commissions/CMI/push', token, { clientId, mutations });
  const pull = async (token: string, since = 0, limit = 1000) => (await call(server, 'GET', `/v1/commissions/CMI/changes?since=${since}&limit=${limit}`, token)).json as unknown as PullResponse;
  const countChanges = async () => Number((await db.query<{ n: string }>("SELECT count(*)::text AS n FROM changes")).rows[0]!.n);

  async function state(token: string, collection: string, id: string) {
    const { changes } = await pull(token, 0, 5000);
    return changes.filter((c) => c.collection === collection && c.id === id).reduce((r, c) => applyChange(r, c as Change), emptyRecord());
  }

  it('pushes a change that another client pulls, with one global sequence', async () => {
    const before = (await pull(consejera.accessToken)).cursor;
    const res = await push(secretaria.accessToken, 'laptop-sofia', [put(1, 'ses1', { titulo: 'Primera sesión ordinaria', lugar: 'Sala' }, hlc(1000))]);
    expect(res.status).toBe(200);
    const body = res.json as unknown as PushResponse;
    expect(body.results[0]).toMatchObject({ mutationId: 1, status: 'applied' });
    const page = await pull(consejera.accessToken, before);
    expect(page.changes.map((c) => c.id)).toEqual(['ses1']);
    expect(page.changes[0]).toMatchObject({ account: 'sofia', clientId: 'laptop-sofia', type: 'put', fields: { titulo: 'Primera sesión ordinaria' } });
    expect(page.cursor).toBe(body.cursor);
    expect((await pull(consejera.accessToken, page.cursor)).changes).toEqual([]);
  });

  it('never applies a retried push twice, even 100 identical pushes at once', async () => {
    const mutations = [put(10, 'ses2', { titulo: 'A' }, hlc(2000)), put(11, 'ses2', { lugar: 'B' }, hlc(2001))];
    const first = await push(secretaria.accessToken, 'laptop-retry', mutations);
    expect(first.status).toBe(200);
    const n = await countChanges();
    const again = await Promise.all(Array.from({ length: 100 }, () => push(secretaria.accessToken, 'laptop-retry', mutations)));
    expect(again.map((r) => r.status)).toEqual(Array(100).fill(200));
    const seqs = (first.json as unknown as PushResponse).results.map((r) => (r as { seq: number }).seq);
    for (const r of again) {
      expect((r.json as unknown as PushResponse).results).toEqual([
        { mutationId: 10, status: 'duplicate', seq: seqs[0], original: 'applied' },
        { mutationId: 11, status: 'duplicate', seq: seqs[1], original: 'applied' },
      ]);
    }
    expect(await countChanges()).toBe(n);
    // A push cut off after its first mutation, retried whole: only the missing one is new.
    const cut = await push(secretaria.accessToken, 'laptop-cut', [put(1, 'ses3', { a: 1 }, hlc(2100))]);
    expect(cut.status).toBe(200);
    const retry = (await push(secretaria.accessToken, 'laptop-cut', [put(1, 'ses3', { a: 1 }, hlc(2100)), put(2, 'ses3', { b: 2 }, hlc(2101))])).json as unknown as PushResponse;
    expect(retry.results.map((r) => r.status)).toEqual(['duplicate', 'applied']);
  });

  it('100 different pushes at once all get distinct sequence numbers', async () => {
    const res = await Promise.all(Array.from({ length: 100 }, (_, i) => push(secretaria.accessToken, `laptop-many-${i}`, [put(1, `many${i}`, { n: i }, hlc(3000 + i))])));
    const seqs = res.map((r) => (r.json as unknown as PushResponse).results[0]).map((r) => (r as { seq: number }).seq);
    expect(new Set(seqs).size).toBe(100);
    const { changes } = await pull(consejero.accessToken, Math.min(...seqs) - 1, 5000);
    expect(changes.filter((c) => c.id.startsWith('many')).length).toBe(100);
  });

  it('pages a pull in sequence order with no gap and no repeat', async () => {
    const all = (await pull(consejero.accessToken, 0, 5000)).changes.map((c) => c.seq);
    expect(all.length).toBeGreaterThan(100);
    const paged: number[] = [];
    let cursor = 0;
    for (let more = true; more; ) {
      const page = await pull(consejero.accessToken, cursor, 7);
      paged.push(...page.changes.map((c) => c.seq));
      cursor = page.cursor;
      more = page.more;
    }
    expect(paged).toEqual(all);
    expect(all).toEqual([...all].sort((x, y) => x - y));
  });

  it('leaves out the asking client\'s own changes when told, while the cursor still passes them', async () => {
    const start = (await pull(consejera.accessToken)).cursor;
    const mine = (i: number) => put(i, `propio${i}`, { titulo: `mío ${i}` }, hlc(7000 + i));
    await push(secretaria.accessToken, 'laptop-except-a', [mine(1), mine(2)]);
    await push(secretaria.accessToken, 'laptop-except-b', [put(1, 'ajeno1', { titulo: 'de otro equipo' }, hlc(7100))]);
    const last = (await push(secretaria.accessToken, 'laptop-except-a', [mine(3)])).json as unknown as PushResponse;
    const paged: string[] = [];
    let cursor = start;
    for (let more = true; more; ) {
      const page = (await call(server, 'GET', `/v1/commissions/CMI/changes?since=${cursor}&limit=1&except=laptop-except-a`, secretaria.accessToken)).json as unknown as PullResponse;
      paged.push(...page.changes.map((c) => c.id));
      cursor = page.cursor;
      more = page.more;
    }
    expect(paged).toEqual(['ajeno1']);
    expect(cursor).toBe(last.cursor); // past its own last change: it is not pulled again
    const bad = await call(server, 'GET', `/v1/commissions/CMI/changes?since=0&except=${encodeURIComponent('no válido')}`, secretaria.accessToken);
    expect(bad.status).toBe(400);
  });

  it('merges plain fields one by one: the newest clock wins whatever the arrival order', async () => {
    // Two laptops edited the same record offline; the later edit of `lugar` arrives first.
    await push(secretaria.accessToken, 'laptop-merge-b', [put(1, 'ses4', { lugar: 'Sala de consejo' }, hlc(5000, 'b'))]);
    await push(secretaria.accessToken, 'laptop-merge-a', [put(1, 'ses4', { lugar: 'Sala virtual', hora: '10:00' }, hlc(4000, 'a'))]);
    const merged = await state(consejera.accessToken, 'sessions', 'ses4');
    expect(merged.fields).toEqual({ lugar: 'Sala de consejo', hora: '10:00' });
    const row = (await db.query<{ fields: unknown }>("SELECT fields FROM records WHERE collection = 'sessions' AND id = 'ses4'")).rows[0]!;
    expect(row.fields).toEqual({ lugar: 'Sala de consejo', hora: '10:00' });
  });

  it('keeps deletions as tombstones that later edits do not revive', async () => {
    await push(secretaria.accessToken, 'laptop-del', [put(1, 'ses5', { titulo: 'x' }, hlc(6000)), { mutationId: 2, type: 'delete', collection: 'sessions', id: 'ses5', hlc: hlc(6001) }]);
    await push(secretaria.accessToken, 'laptop-del-late', [put(1, 'ses5', { titulo: 'y' }, hlc(9000))]);
    const row = (await db.query<{ deleted: boolean; fields: unknown }>("SELECT deleted, fields FROM records WHERE id = 'ses5'")).rows[0]!;
    expect(row).toEqual({ deleted: true, fields: { titulo: 'x' } });
    expect((await state(consejera.accessToken, 'sessions', 'ses5')).deleted).toBe(true);
  });

  it('refuses edits to a locked or signed document and stores nothing of that push', async () => {
    await push(secretaria.accessToken, 'laptop-lock', [put(1, 'acta1', { texto: 'v1' }, hlc(7000), 'minutes'), { mutationId: 2, type: 'lock', collection: 'minutes', id: 'acta1', hlc: hlc(7001), state: 'signed' }]);
    const n = await countChanges();
    for (const m of [put(3, 'acta1', { texto: 'v2' }, hlc(7002), 'minutes'), { mutationId: 3, type: 'delete', collection: 'minutes', id: 'acta1', hlc: hlc(7002) }, { mutationId: 3, type: 'body', collection: 'minutes', id: 'acta1', hlc: hlc(7002), update: 'AQID' }]) {
      const res = await push(secretaria.accessToken, 'laptop-lock', [put(3 - 1 + 100, 'other', { a: 1 }, hlc(7003)), { ...m, mutationId: 200 }]);
      expect(res.status).toBe(409);
      expect(res.json.error).toMatchObject({ code: 'LOCKED', mutationId: 200 });
      expect(res.json.error!.message).toMatch(/firmado/);
    }
    expect(await countChanges()).toBe(n);
    expect((await db.query("SELECT 1 FROM records WHERE id = 'other'")).rows).toEqual([]);
    const row = (await db.query<{ fields: unknown; locked: string }>("SELECT fields, locked FROM records WHERE id = 'acta1'")).rows[0]!;
    expect(row).toEqual({ fields: { texto: 'v1' }, locked: 'signed' });
  });

  it('appends draft body updates (Yjs bytes, opaque) in server order', async () => {
    const a = Buffer.from([1, 2, 3]).toString('base64');
    const b = Buffer.from([4, 5]).toString('base64');
    await push(secretaria.accessToken, 'laptop-body-a', [{ mutationId: 1, type: 'body', collection: 'guidelines', id: 'lin1', hlc: hlc(8000), update: a }]);
    await push(consejera.accessToken, 'laptop-body-b', [{ mutationId: 1, type: 'body', collection: 'guidelines', id: 'lin1', hlc: hlc(8000, 'b'), update: b }]);
    expect((await state(consejero.accessToken, 'guidelines', 'lin1')).body).toEqual([a, b]);
  });

  it('keeps the first signature of a box and reports the second to its signer, storing it aside', async () => {
    const pdf = Buffer.from('%PDF-1.7 firma');
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect((await call(server, 'PUT', `/v1/commissions/CMI/blobs/${sha}`, consejera.accessToken, pdf, 'application/octet-stream')).status).toBe(201);
    const box = { collection: 'minutes', id: 'acta2', box: 'integrante-1' };
    const first = await push(consejera.accessToken, 'laptop-araceli', [{ mutationId: 1, type: 'sign', hlc: hlc(9000), ...box, signatureId: 'sigA', personId: consejera.account.personId, blob: sha }]);
    expect((first.json as unknown as PushResponse).results[0]!.status).toBe('applied');
    const second = await push(consejero.accessToken, 'laptop-carlos', [{ mutationId: 1, type: 'sign', hlc: hlc(8999), ...box, signatureId: 'sigB', personId: consejero.account.personId }]);
    expect(second.status).toBe(200);
    expect((second.json as unknown as PushResponse).results[0]).toMatchObject({ status: 'signature-taken', winner: { signatureId: 'sigA', personId: consejera.account.personId } });
    const conflicts = await call(server, 'GET', '/v1/commissions/CMI/signature-conflicts', consejero.accessToken);
    expect(conflicts.json).toMatchObject({ conflicts: [{ winnerSignatureId: 'sigA', signature: { signatureId: 'sigB' } }] });
    // The loser's retry is still a duplicate of a reported conflict, not a new signature.
    const retry = await push(consejero.accessToken, 'laptop-carlos', [{ mutationId: 1, type: 'sign', hlc: hlc(8999), ...box, signatureId: 'sigB', personId: consejero.account.personId }]);
    expect((retry.json as unknown as PushResponse).results[0]).toMatchObject({ status: 'duplicate', original: 'signature-taken' });
    const { changes } = await pull(secretaria.accessToken, 0, 5000);
    expect(changes.filter((c) => c.type === 'sign' && c.id === 'acta2').map((c) => (c as { signatureId: string }).signatureId)).toEqual(['sigA']);
  });

  it('refuses a signature in someone else\u2019s name and one whose file was not uploaded', async () => {
    const forged = await push(consejero.accessToken, 'laptop-forge', [{ mutationId: 1, type: 'sign', hlc: hlc(1), collection: 'minutes', id: 'acta3', box: 'p', signatureId: 's', personId: consejera.account.personId }]);
    expect(forged.status).toBe(403);
    const missing = await push(consejero.accessToken, 'laptop-forge', [{ mutationId: 2, type: 'sign', hlc: hlc(1), collection: 'minutes', id: 'acta3', box: 'p', signatureId: 's', personId: consejero.account.personId, blob: 'a'.repeat(64) }]);
    expect(missing.status).toBe(400);
    expect(missing.json.error!.message).toMatch(/súbalo/);
  });

  it('treats append-only entries as immutable: same entry again is a no-op, a changed one is refused', async () => {
    const entry = { mutationId: 1, type: 'append', collection: 'auditEntries', id: 'e1', hlc: hlc(1), data: { accion: 'imprimió', documento: 'acta1' } };
    expect((await push(consejera.accessToken, 'laptop-append-1', [entry])).status).toBe(200);
    expect((await push(consejero.accessToken, 'laptop-append-2', [entry])).status).toBe(200);
    const changed = await push(consejero.accessToken, 'laptop-append-2', [{ ...entry, mutationId: 2, data: { accion: 'borró' } }]);
    expect(changed.status).toBe(409);
    const { changes } = await pull(secretaria.accessToken, 0, 5000);
    expect(changes.filter((c) => c.type === 'append' && c.id === 'e1')).toHaveLength(1);
  });

  it('stores blobs by SHA-256: idempotent PUT, hash checked on arrival', async () => {
    const bytes = Buffer.from('imagen de evidencia');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const path = `/v1/commissions/CMI/blobs/${sha}`;
    const put1 = await call(server, 'PUT', path, secretaria.accessToken, bytes, 'application/octet-stream');
    const put2 = await call(server, 'PUT', path, secretaria.accessToken, bytes, 'application/octet-stream');
    expect([put1.status, put2.status]).toEqual([201, 200]);
    const bad = await call(server, 'PUT', `/v1/commissions/CMI/blobs/${'0'.repeat(64)}`, secretaria.accessToken, bytes, 'application/octet-stream');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'HASH_MISMATCH' });
    expect((await db.query("SELECT 1 FROM blobs WHERE sha256 = $1", ['0'.repeat(64)])).rows).toEqual([]);
    const got = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${consejero.accessToken}` } });
    expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
  });

  it('answers bad input with a 4xx and a clear message, storing nothing', async () => {
    const n = await countChanges();
    const token = secretaria.accessToken;
    const cases: [string, () => Promise<{ status: number; json: { error?: { code: string; message: string } } }>, number, RegExp][] = [
      ['malformed JSON', () => call(server, 'POST', '/v1/commissions/CMI/push', token, '{"clientId": "x", "mutations": ['), 400, /JSON/],
      ['unknown mutation type', () => push(token, 'laptop-bad', [{ mutationId: 1, type: 'rename', collection: 'sessions', id: 'x', hlc: hlc(1) }]), 400, /type|Invalid/i],
      ['valid then unknown', () => push(token, 'laptop-bad', [put(1, 'x', { a: 1 }, hlc(1)), { mutationId: 2, type: 'rename', collection: 'sessions', id: 'x', hlc: hlc(1) }]), 400, /mutations\.1/],
      ['decreasing mutation ids', () => push(token, 'laptop-bad', [put(2, 'x', { a: 1 }, hlc(1)), put(1, 'y', { a: 1 }, hlc(1))]), 400, /crecientes/],
      ['bad clock', () => push(token, 'laptop-bad', [put(1, 'x', { a: 1 }, 'yesterday')]), 400, /HLC/],
      ['extra field', () => push(token, 'laptop-bad', [{ ...put(1, 'x', { a: 1 }, hlc(1)), evil: true }]), 400, /.+/],
      ['empty push', () => push(token, 'laptop-bad', []), 400, /Nada/],
      ['oversized body', () => call(server, 'POST', '/v1/commissions/CMI/push', token, { clientId: 'laptop-bad', mutations: [put(1, 'x', { a: 'x'.repeat(9 * 1024 * 1024) }, hlc(1))] }), 413, /grande/],
      ['not JSON', () => call(server, 'POST', '/v1/commissions/CMI/push', token, 'hola', 'text/plain'), 415, /no admitido/],
      ['bad cursor', () => call(server, 'GET', '/v1/commissions/CMI/changes?since=-4', token), 400, /.+/],
      ['bad commission', () => call(server, 'GET', '/v1/commissions/cmi%20x/changes', token), 400, /comisión/],
      ['bad blob name', () => call(server, 'PUT', '/v1/commissions/CMI/blobs/xyz', token, Buffer.from('a'), 'application/octet-stream'), 400, /SHA-256/],
      ['nested 100,000 deep', () => call(server, 'POST', '/v1/commissions/CMI/push', token, `{"clientId":"laptop-bad","mutations":[{"mutationId":1,"type":"put","collection":"s","id":"x","hlc":"${hlc(1)}","fields":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}]}`), 400, /anidado/],
      ['__proto__ key', () => call(server, 'POST', '/v1/commissions/CMI/push', token, `{"clientId":"laptop-bad","mutations":[{"mutationId":1,"type":"append","collection":"s","id":"x","hlc":"${hlc(1)}","data":{"__proto__":{"admin":true}}}]}`), 400, /__proto__/],
      ['unknown route', () => call(server, 'GET', '/v1/nothing', token), 404, /ruta/],
    ];
    for (const [name, run, status, message] of cases) {
      const res = await run();
      expect(res.status, name).toBe(status);
      expect(res.json.error?.message, name).toMatch(message);
    }
    expect(await countChanges()).toBe(n);
    expect((await call(server, 'GET', '/health')).status).toBe(200);
  });

  it('tells online clients of new changes through server-sent events', async () => {
    const stream = await openEvents(server, 'CMI', consejera.accessToken);
    expect(stream.status).toBe(200);
    await stream.waitFor((e) => e.event === 'hello');
    const res = (await push(secretaria.accessToken, 'laptop-sse', [put(1, 'ses-sse', { a: 1 }, hlc(1))])).json as unknown as PushResponse;
    const event = await stream.waitFor((e) => e.event === 'changes');
    expect(event.data).toEqual({ cursor: res.cursor });
    await stream.close();
  });

  it('audits every write on the server', async () => {
    const { rows } = await db.query<{ action: string; account: string }>("SELECT action, account FROM audit WHERE action LIKE 'push.%' OR action = 'blob.put' OR action LIKE 'login%'");
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['push.put', 'push.delete', 'push.lock', 'push.body', 'push.sign', 'push.append', 'blob.put', 'login']) expect(actions, a).toContain(a);
    const applied = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM applied_mutations')).rows[0]!.n);
    const audited = Number((await db.query<{ n: string }>("SELECT count(*)::text AS n FROM audit WHERE action LIKE 'push.%'")).rows[0]!.n);
    expect(audited).toBe(applied);
  });
});
