/**
 * Accounts on the server (issue 14 point 2): a role change, a removal or a disabled account counts
 * from the caller's next request, not when its 5-minute token expires; laptops are told over the
 * event stream; the commission's accounts are listed with their verifiers for offline sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, removeMembership, setDisabled } from '../../src-server/accounts.js';
import type { Database } from '../../src-server/db.js';
import type { AccountsResponse, LoginResponse } from '../../src-shared/sync/protocol.js';
import { BACKENDS, call, hlc, openBackend, openEvents, PASSWORD, put, startTestServer, type TestServer } from './harness.js';

describe.each(BACKENDS)('account changes on %s', (backend) => {
  let db: Database;
  let server: TestServer;
  let sofia: LoginResponse;

  beforeAll(async () => {
    db = await openBackend(backend);
    server = await startTestServer(db);
    sofia = await server.user('sofia', 'CMI', 'secretaria');
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  let n = 0;
  const push = (token: string, clientId: string) =>
    call(server, 'POST', '/v1/commissions/CMI/push', token, { clientId, mutations: [put(++n, `rec${n}`, { place: `Sala ${n}` }, hlc(Date.now()))] });

  it('refuses a demoted member\u2019s next push with a clear message, with the token it already holds', async () => {
    const pedro = await server.user('pedro', 'CMI', 'secretaria');
    expect((await push(pedro.accessToken, 'laptop-pedro-1')).status).toBe(200);
    await addUser(db, { username: 'pedro', password: PASSWORD, commission: 'CMI', role: 'personal' });
    const refused = await push(pedro.accessToken, 'laptop-pedro-1');
    expect(refused.status).toBe(403);
    expect(refused.json.error!.message).toBe('Su papel (personal) en CMI no permite este cambio (put).');
  });

  it('lets a promoted member push at once, without signing in again', async () => {
    const lupe = await server.user('lupe', 'CMI', 'personal');
    expect((await push(lupe.accessToken, 'laptop-lupe-01')).status).toBe(403);
    await addUser(db, { username: 'lupe', password: PASSWORD, commission: 'CMI', role: 'secretaria' });
    const ok = await push(lupe.accessToken, 'laptop-lupe-01');
    expect(ok.status).toBe(200);
    expect(ok.json.results).toEqual([expect.objectContaining({ status: 'applied' })]);
  });

  it('refuses a removed member and a disabled account at once, and a disabled account cannot refresh either', async () => {
    const rosa = await server.user('rosa', 'CMI', 'secretaria');
    await removeMembership(db, 'rosa', 'CMI');
    const removed = await call(server, 'GET', '/v1/commissions/CMI/changes?since=0', rosa.accessToken);
    expect(removed.status).toBe(403);
    expect(removed.json.error!.message).toBe('Su cuenta no pertenece a la comisión CMI.');

    const mario = await server.user('mario', 'CMI', 'integrante');
    await setDisabled(db, 'mario', true);
    const disabled = await call(server, 'GET', '/v1/commissions/CMI/changes?since=0', mario.accessToken);
    expect(disabled.status).toBe(401);
    expect(disabled.json.error).toMatchObject({ code: 'ACCOUNT_DISABLED', message: expect.stringMatching(/desactivada en el servidor/) });
    const refresh = await call(server, 'POST', '/v1/auth/refresh', undefined, { refreshToken: mario.refreshToken });
    expect(refresh.json.error).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    // Enabled again, it signs in as before.
    await setDisabled(db, 'mario', false);
    expect((await server.login('mario')).account.memberships).toEqual([{ commission: 'CMI', role: 'integrante' }]);
  });

  it('tells open event streams of the commission that an account changed, and ends the changed account\u2019s own stream', async () => {
    const ana = await server.user('ana', 'CMI', 'integrante');
    const watcher = await openEvents(server, 'CMI', sofia.accessToken);
    const own = await openEvents(server, 'CMI', ana.accessToken);
    try {
      await watcher.waitFor((e) => e.event === 'hello');
      await own.waitFor((e) => e.event === 'hello');
      await addUser(db, { username: 'ana', password: PASSWORD, commission: 'CMI', role: 'presidencia' });
      await watcher.waitFor((e) => e.event === 'accounts');
      const deadline = Date.now() + 5000;
      while (!own.ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(own.ended).toBe(true);
      expect(watcher.ended).toBe(false);
    } finally {
      await watcher.close();
      await own.close();
    }
  });

  it('lists the commission\u2019s active accounts with their verifiers, never a disabled one', async () => {
    await server.user('teresa', 'CMI', 'integrante');
    await setDisabled(db, 'teresa', true);
    const res = await call(server, 'GET', '/v1/commissions/CMI/accounts', sofia.accessToken);
    const { accounts } = res.json as unknown as AccountsResponse;
    const names = accounts.map((a) => a.username);
    expect(names).toContain('sofia');
    expect(names).toContain('ana');
    expect(names).not.toContain('teresa');
    expect(names).not.toContain('rosa');
    const ana = accounts.find((a) => a.username === 'ana')!;
    expect(ana).toMatchObject({ role: 'presidencia', office: null, verifier: expect.stringMatching(/^scrypt\$16384\$8\$1\$/) });
    expect(JSON.stringify(res.json)).not.toContain(PASSWORD);
  });

  it('100 role changes at once leave one role and refuse nothing twice', async () => {
    const carla = await server.user('carla', 'CMI', 'personal');
    const roles = ['secretaria', 'personal'] as const;
    await Promise.all(Array.from({ length: 100 }, (_, i) => addUser(db, { username: 'carla', password: PASSWORD, commission: 'CMI', role: roles[i % 2]! })));
    const { rows } = await db.query<{ role: string }>("SELECT role FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE a.username = 'carla'");
    expect(rows).toHaveLength(1);
    const status = (await push(carla.accessToken, 'laptop-carla-1')).status;
    expect(status).toBe(rows[0]!.role === 'secretaria' ? 200 : 403);
  });
});
