import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src-server/accounts.js';
import type { Database } from '../../src-server/db.js';
import type { LoginResponse } from '../../src-shared/sync/protocol.js';
import { BACKENDS, call, hlc, openBackend, openEvents, PASSWORD, put, startTestServer, type TestServer } from './harness.js';

const blob = Buffer.from('acta firmada');
const sha = createHash('sha256').update(blob).digest('hex');

/** Every endpoint that needs a token, with a request that would succeed for a member. */
const ENDPOINTS: { name: string; method: string; path: string; body?: () => unknown; contentType?: string }[] = [
  { name: 'push', method: 'POST', path: '/push', body: () => ({ clientId: 'laptop-sec-1', mutations: [put(1, 'sec1', { a: 1 }, hlc(1))] }) },
  { name: 'pull', method: 'GET', path: '/changes?since=0' },
  { name: 'accounts', method: 'GET', path: '/accounts' },
  { name: 'signature conflicts', method: 'GET', path: '/signature-conflicts' },
  { name: 'blob upload', method: 'PUT', path: `/blobs/${sha}`, body: () => blob, contentType: 'application/octet-stream' },
  { name: 'blob download', method: 'GET', path: `/blobs/${sha}` },
  { name: 'events', method: 'GET', path: '/events' },
];

describe.each(BACKENDS)('access control on %s', (backend) => {
  let db: Database;
  let server: TestServer;
  let cmi: LoginResponse;
  let cvspe: LoginResponse;

  beforeAll(async () => {
    db = await openBackend(backend);
    server = await startTestServer(db, { accessTtlSeconds: 60, loginAttempts: 3 });
    cmi = await server.user('sofia', 'CMI', 'secretaria');
    cvspe = await server.user('rosa', 'CVSPE', 'secretaria');
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  // SSE answers 200 and then streams: read the status only.
  async function request(e: (typeof ENDPOINTS)[number], token: string | undefined, commission = 'CMI') {
    if (e.name === 'events') {
      const res = await fetch(`${server.url}/v1/commissions/${commission}/events`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const body = res.status === 200 ? null : ((await res.json()) as { error: { code: string } });
      if (res.status === 200) await res.body?.cancel();
      return { status: res.status, code: body?.error.code };
    }
    const res = await call(server, e.method, `/v1/commissions/${commission}${e.path}`, token, e.body?.(), e.contentType);
    return { status: res.status, code: res.json?.error?.code };
  }

  it('serves every endpoint to a member of the commission (so the refusals below mean something)', async () => {
    for (const e of ENDPOINTS) expect((await request(e, cmi.accessToken)).status, e.name).toBeLessThan(300);
  });

  it('refuses every endpoint without a token, with a forged one, with an expired one, and with another commission\u2019s', async () => {
    const countBefore = (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM changes')).rows[0]!.n;
    const [body, sig] = cmi.accessToken.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { memberships: { commission: string; role: string }[] };
    claims.memberships = [{ commission: 'CVSPE', role: 'admin' }];
    const forged = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    for (const e of ENDPOINTS) {
      expect(await request(e, undefined), `${e.name} without token`).toEqual({ status: 401, code: 'UNAUTHORIZED' });
      expect(await request(e, 'garbage.token'), `${e.name} garbage token`).toEqual({ status: 401, code: 'UNAUTHORIZED' });
      expect(await request(e, forged, 'CVSPE'), `${e.name} forged token`).toEqual({ status: 401, code: 'UNAUTHORIZED' });
      expect(await request(e, cvspe.accessToken, 'CMI'), `${e.name} other commission`).toEqual({ status: 403, code: 'FORBIDDEN' });
    }
    server.clock.now += 61_000;
    try {
      for (const e of ENDPOINTS) expect(await request(e, cmi.accessToken), `${e.name} expired`).toEqual({ status: 401, code: 'TOKEN_EXPIRED' });
    } finally {
      server.clock.now -= 61_000;
    }
    expect((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM changes')).rows[0]!.n).toBe(countBefore);
  });

  it('does not show one commission\u2019s records or files to another', async () => {
    const theirs = await call(server, 'GET', '/v1/commissions/CVSPE/changes?since=0', cvspe.accessToken);
    expect(theirs.json).toMatchObject({ changes: [] });
    expect((await call(server, 'GET', `/v1/commissions/CVSPE/blobs/${sha}`, cvspe.accessToken)).status).toBe(404);
  });

  it('gives an office’s revisor no endpoint beyond its own rounds: no records, no files, no other account, and no other commission', async () => {
    await addUser(db, { username: 'oficina-ana', password: PASSWORD, commission: 'CMI', role: 'revisor', office: 'Oficina de la Consejera Ana' });
    const revisor = (await server.login('oficina-ana')).accessToken;
    const expected: Record<string, { status: number; code?: string }> = {
      push: { status: 403, code: 'FORBIDDEN' },
      pull: { status: 200 },
      accounts: { status: 200 },
      'signature conflicts': { status: 200 },
      'blob upload': { status: 403, code: 'FORBIDDEN' },
      'blob download': { status: 403, code: 'FORBIDDEN' },
      events: { status: 200 },
    };
    for (const e of ENDPOINTS) {
      expect(await request(e, revisor), `${e.name} as revisor`).toEqual({ status: expected[e.name]!.status, code: expected[e.name]!.code });
      expect(await request(e, revisor, 'CVSPE'), `${e.name} revisor of another commission`).toEqual({ status: 403, code: 'FORBIDDEN' });
    }
    // Every record kind of a guideline's review and versions, pushed where no round was sent to it: refused, nothing stored.
    const countBefore = (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM changes')).rows[0]!.n;
    const review = { guidelineId: 'g1', roundId: 'r1', office: 'Oficina de la Consejera Ana' };
    for (const [collection, fields] of [
      ['guidelines', { title: 'x' }],
      ['guidelineComments', { ...review, by: 'x', at: 'x', text: 'x' }],
      ['guidelineAnswers', { ...review, answeredAt: 'x', answeredBy: 'x' }],
      ['guidelineRounds', { guidelineId: 'g1', name: 'x', due: '2026-12-01', sentAt: 'x', by: 'x', offices: ['Oficina de la Consejera Ana'] }],
      ['guidelineVersions', { guidelineId: 'g1', name: 'x', by: 'x', at: 'x', blob: sha }],
    ] as const) {
      const res = await call(server, 'POST', '/v1/commissions/CMI/push', revisor, { clientId: 'laptop-oficina', mutations: [put(1, 'x1', fields, hlc(2), collection)] });
      expect({ status: res.status, code: res.json?.error?.code }, `push ${collection} as revisor`).toEqual({ status: 403, code: 'FORBIDDEN' });
    }
    expect((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM changes')).rows[0]!.n).toBe(countBefore);
    // What it may read holds nothing of the commission's records, and only its own account.
    const pulled = await call(server, 'GET', '/v1/commissions/CMI/changes?since=0', revisor);
    expect(pulled.json.changes).toEqual([]);
    const accounts = await call(server, 'GET', '/v1/commissions/CMI/accounts', revisor);
    expect((accounts.json.accounts as { username: string }[]).map((a) => a.username)).toEqual(['oficina-ana']);
    server.clock.now += 61_000;
    try {
      for (const e of ENDPOINTS) expect(await request(e, revisor), `${e.name} expired revisor`).toEqual({ status: 401, code: 'TOKEN_EXPIRED' });
    } finally {
      server.clock.now -= 61_000;
    }
  });

  it('lets staff (personal) read and append but not edit, sign or upload', async () => {
    const staff = await server.user('pedro', 'CMI', 'personal');
    const t = staff.accessToken;
    expect((await call(server, 'GET', '/v1/commissions/CMI/changes', t)).status).toBe(200);
    expect((await call(server, 'POST', '/v1/commissions/CMI/push', t, { clientId: 'laptop-pedro', mutations: [put(1, 'x', { a: 1 }, hlc(1))] })).json.error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(server, 'POST', '/v1/commissions/CMI/push', t, { clientId: 'laptop-pedro', mutations: [{ mutationId: 1, type: 'sign', collection: 'minutes', id: 'a', hlc: hlc(1), box: 'b', signatureId: 's', personId: staff.account.personId }] })).status).toBe(403);
    expect((await call(server, 'PUT', `/v1/commissions/CMI/blobs/${sha}`, t, blob, 'application/octet-stream')).status).toBe(403);
    expect((await call(server, 'POST', '/v1/commissions/CMI/push', t, { clientId: 'laptop-pedro', mutations: [{ mutationId: 2, type: 'append', collection: 'printLog', id: 'p1', hlc: hlc(1), data: { copias: 2 } }] })).status).toBe(200);
  });

  it('closes an event stream when its token expires', async () => {
    // A server whose tokens live one second: the stream must end by itself soon after.
    const short = await startTestServer(db, { accessTtlSeconds: 1 });
    try {
      const login = await short.login('sofia');
      const s2 = await openEvents(short, 'CMI', login.accessToken);
      await s2.waitFor((e) => e.event === 'hello');
      const deadline = Date.now() + 5000;
      while (!s2.ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(s2.ended).toBe(true);
      await s2.close();
    } finally {
      await short.close();
    }
  });

  it('rate-limits failed logins per username, even when the right password comes next', async () => {
    await server.user('lucia', 'CMI', 'integrante');
    const login = (password: string) => call(server, 'POST', '/v1/auth/login', undefined, { username: 'lucia', password });
    for (let i = 0; i < 3; i++) expect((await login('mala-contraseña')).status).toBe(401);
    const blocked = await login('contraseña-larga-1');
    expect(blocked.status).toBe(429);
    expect(blocked.json.error!.message).toMatch(/Demasiados intentos/);
    server.clock.now += 16 * 60_000;
    try {
      expect((await login('contraseña-larga-1')).status).toBe(200);
    } finally {
      server.clock.now -= 16 * 60_000;
    }
    const unknown = await call(server, 'POST', '/v1/auth/login', undefined, { username: 'nadie', password: 'x' });
    expect(unknown.json.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Usuario o contraseña incorrectos.' });
  });

  it('rotates refresh tokens: each works once, and a refreshed token carries the current roles', async () => {
    const first = await call(server, 'POST', '/v1/auth/refresh', undefined, { refreshToken: cmi.refreshToken });
    expect(first.status).toBe(200);
    const reused = await call(server, 'POST', '/v1/auth/refresh', undefined, { refreshToken: cmi.refreshToken });
    expect(reused.status).toBe(401);
    const fresh = first.json as unknown as LoginResponse;
    expect((await call(server, 'GET', '/v1/commissions/CMI/changes', fresh.accessToken)).status).toBe(200);
    // 20 refreshes of one token at once: exactly one wins.
    const all = await Promise.all(Array.from({ length: 20 }, () => call(server, 'POST', '/v1/auth/refresh', undefined, { refreshToken: fresh.refreshToken })));
    expect(all.filter((r) => r.status === 200)).toHaveLength(1);
    expect((await call(server, 'POST', '/v1/auth/refresh', undefined, { refreshToken: 'x' })).status).toBe(400);
    // Signing out ends the refresh token.
    const winner = all.find((r) => r.status === 200)!.json as unknown as LoginResponse;
    expect((await call(server, 'POST', '/v1/auth/logout', undefined, { refreshToken: winner.refreshToken })).status).toBe(204);
    expect((await call(server, 'POST', '/v1/auth/refresh', undefined, { refreshToken: winner.refreshToken })).status).toBe(401);
  });

  it('binds a clientId to the account that first pushed with it: another account replaying it is refused and changes nothing', async () => {
    const other = await server.user('marta', 'CMI', 'secretaria');
    const clientId = 'laptop-de-sofia-7';
    const first = await call(server, 'POST', '/v1/commissions/CMI/push', cmi.accessToken, { clientId, mutations: [put(1, 'bind1', { title: 'de Sofía' }, hlc(10))] });
    expect(first.status).toBe(200);
    const changesBefore = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM changes')).rows[0]!.n;

    // The replay of mutationId 1 would otherwise be "duplicate" and a fresh id 2 applied as Sofía's laptop.
    for (const mutations of [[put(1, 'bind1', { title: 'de Marta' }, hlc(20))], [put(2, 'bind2', { title: 'de Marta' }, hlc(21))]]) {
      const replay = await call(server, 'POST', '/v1/commissions/CMI/push', other.accessToken, { clientId, mutations });
      expect(replay.status).toBe(403);
      expect(replay.json.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/identificador de equipo ya lo usa otra cuenta/) });
    }
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM changes')).rows[0]!.n).toBe(changesBefore);
    const { rows } = await db.query<{ fields: { title: string } }>("SELECT fields FROM records WHERE commission = 'CMI' AND id = 'bind1'");
    expect(rows[0]!.fields.title).toBe('de Sofía');
    expect((await db.query('SELECT 1 FROM records WHERE id = $1', ['bind2'])).rows).toEqual([]);
    // Its owner keeps pushing with it.
    expect((await call(server, 'POST', '/v1/commissions/CMI/push', cmi.accessToken, { clientId, mutations: [put(2, 'bind2', { title: 'de Sofía' }, hlc(30))] })).status).toBe(200);

    // A fresh clientId pushed by both accounts at once, 50 times each: one account gets it, the other is refused every time.
    const race = 'laptop-en-disputa-1';
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(server, 'POST', '/v1/commissions/CMI/push', (i % 2 ? other : cmi).accessToken, { clientId: race, mutations: [put(1, `race${i % 2}`, { n: i }, hlc(40 + i))] }),
      ),
    );
    const winners = new Set(results.flatMap((r, i) => (r.status === 200 ? [i % 2] : [])));
    expect(winners.size).toBe(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(50);
    expect(results.filter((r) => r.status === 403)).toHaveLength(50);
    // A first push refused whole binds nothing: the clientId is still free for the account that pushes with it next.
    const entry = { type: 'append', collection: 'printLog', id: 'bind-entry', hlc: hlc(60) };
    expect((await call(server, 'POST', '/v1/commissions/CMI/push', cmi.accessToken, { clientId: 'laptop-de-sofia-7', mutations: [{ ...entry, mutationId: 3, data: { copias: 1 } }] })).status).toBe(200);
    const refused = await call(server, 'POST', '/v1/commissions/CMI/push', cmi.accessToken, { clientId: 'laptop-sin-dueno-1', mutations: [{ ...entry, mutationId: 1, data: { copias: 2 } }] });
    expect(refused.status).toBe(409);
    expect((await call(server, 'POST', '/v1/commissions/CMI/push', other.accessToken, { clientId: 'laptop-sin-dueno-1', mutations: [put(1, 'libre', { a: 1 }, hlc(61))] })).status).toBe(200);
    expect((await call(server, 'POST', '/v1/commissions/CMI/push', cmi.accessToken, { clientId: 'laptop-sin-dueno-1', mutations: [put(2, 'libre', { a: 2 }, hlc(62))] })).status).toBe(403);
    // Also when the binding is made through another server process after the refused push (as written here to the database).
    expect((await call(server, 'POST', '/v1/commissions/CMI/push', cmi.accessToken, { clientId: 'laptop-sin-dueno-2', mutations: [{ ...entry, mutationId: 1, data: { copias: 2 } }] })).status).toBe(409);
    await db.query("INSERT INTO client_accounts (client_id, account_id) SELECT 'laptop-sin-dueno-2', id FROM accounts WHERE username = 'marta'");
    expect((await call(server, 'POST', '/v1/commissions/CMI/push', cmi.accessToken, { clientId: 'laptop-sin-dueno-2', mutations: [put(2, 'libre', { a: 3 }, hlc(63))] })).status).toBe(403);
    // Another commission's token on that clientId is refused too (the binding is per account, not per commission).
    expect((await call(server, 'POST', '/v1/commissions/CVSPE/push', cvspe.accessToken, { clientId, mutations: [put(3, 'x', { a: 1 }, hlc(50))] })).status).toBe(403);
  });

  it('stores password hashes, never passwords', async () => {
    const { rows } = await db.query<{ password_hash: string }>("SELECT password_hash FROM accounts WHERE username = 'sofia'");
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(rows[0]!.password_hash).not.toContain('contraseña');
  });
});
