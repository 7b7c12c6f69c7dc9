/**
 * What a laptop asks of the server each round, on PostgreSQL and PGlite:
 * - the accounts list (with the password hashes) travels only when it changed: an unchanged one
 *   answers 304 with no body, and a change still arrives at the next round;
 * - one HTTP client per engine and server address, whatever the number of rounds.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addUser } from '../../src-server/accounts.js';
import { BACKENDS, PASSWORD } from './harness.js';
import { laptop, twoLaptops, type Office } from './laptop.js';

/** Every ServerClient the app makes, by address. */
const made = vi.hoisted(() => [] as string[]);
vi.mock('../../src-main/services/sync/server-client.js', async (original) => {
  const real = await original<typeof import('../../src-main/services/sync/server-client.js')>();
  class Counted extends real.ServerClient {
    constructor(baseUrl: string) {
      super(baseUrl);
      made.push(baseUrl);
    }
  }
  return { ...real, ServerClient: Counted };
});

/** The accounts requests made while `fn` runs: status and body length. */
async function watchingAccounts(fn: () => Promise<unknown>): Promise<{ status: number; bytes: number; body: string }[]> {
  const realFetch = globalThis.fetch;
  const seen: Promise<{ status: number; bytes: number; body: string }>[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const res = await realFetch(input, init);
    if (String(input).endsWith('/accounts')) {
      const copy = res.clone();
      seen.push(copy.text().then((body) => ({ status: res.status, bytes: body.length, body })));
    }
    return res;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return Promise.all(seen);
}

describe.each(BACKENDS)('requests of a sync round on %s', (backend) => {
  const o = {} as Office;
  beforeAll(async () => {
    Object.assign(o, await twoLaptops(backend));
    await o.a.call('sync.now', {});
  }, 120_000);
  afterAll(() => o.close?.());

  it('does not send an unchanged accounts list again, and a changed one arrives at the next round', async () => {
    const first = await watchingAccounts(() => o.b.call('sync.now', {}));
    // B got the list at its first round (sign-in does not fetch it): the next rounds only ask.
    const again = await watchingAccounts(async () => {
      for (let i = 0; i < 3; i++) await o.b.call('sync.now', {});
    });
    expect(first.length + again.length).toBe(4);
    expect(again.map((r) => r.status)).toEqual([304, 304, 304]);
    expect(again.every((r) => r.bytes === 0 && !r.body.includes('scrypt'))).toBe(true);

    await addUser(o.db, { username: 'consuelo', password: 'clave-de-consuelo', commission: 'CMI', role: 'integrante' });
    const changed = await watchingAccounts(() => o.b.call('sync.now', {}));
    expect(changed.map((r) => r.status)).toEqual([200]);
    expect(changed[0]!.body).toContain('consuelo');
    expect(o.b.app.store.all('accounts').some((a) => a.username === 'consuelo' && !a.disabled)).toBe(true);
    // And she signs in on B with the server's password.
    await o.b.call('auth.signIn', { username: 'consuelo', password: 'clave-de-consuelo' });
    await o.b.call('auth.signOut', {});

    // A cached copy changed here (not by the server) is put back at the next round, not left as it is.
    const copy = o.b.app.store.all('accounts').find((a) => a.username === 'consuelo')!;
    const { defineMutation } = await import('../../src-main/services/store/store.js');
    const { z } = await import('zod');
    const tamper = defineMutation({ name: 'test.tamper', args: z.object({}), apply: () => ({ puts: [{ collection: 'accounts' as const, record: { ...copy, disabled: true } }], result: () => undefined }) });
    await o.b.app.store.mutate(tamper, {}, 'prueba');
    const restored = await watchingAccounts(() => o.b.call('sync.now', {}));
    expect(restored.map((r) => r.status)).toEqual([200]);
    expect(o.b.app.store.all('accounts').find((a) => a.username === 'consuelo')?.disabled).toBe(false);
  });

  it('another account signed in on a laptop pushes under its own laptop id (the server binds an id to its first account)', async () => {
    await addUser(o.db, { username: 'suplente', password: PASSWORD, commission: 'CMI', role: 'secretaria' });
    const cmi = o.a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    await o.a.call('guidelines.create', { commissionId: cmi.id, title: 'Antes del cambio de cuenta' });
    await o.a.call('sync.now', {});
    await o.a.call('sync.signIn', { server: o.server.url, username: 'suplente', password: PASSWORD });
    const made = await o.a.call('guidelines.create', { commissionId: cmi.id, title: 'Después del cambio de cuenta' });
    const round = await o.a.call('sync.now', {});
    expect(round.status.lastError).toBeNull();
    expect(round.status.pending).toBe(0);
    const { rows } = await o.db.query<{ account: string }>("SELECT account FROM changes WHERE record_id = $1 AND type = 'put'", [made.id]);
    expect(rows.map((r) => r.account)).toEqual(['suplente']);
    await o.b.call('sync.now', {});
    expect((await o.b.call('guidelines.list', {})).map((g) => g.title)).toEqual(expect.arrayContaining(['Antes del cambio de cuenta', 'Después del cambio de cuenta']));
    await o.a.call('sync.signIn', { server: o.server.url, username: 'secretaria', password: PASSWORD });
    await o.a.call('guidelines.create', { commissionId: cmi.id, title: 'De vuelta con la secretaria' });
    expect((await o.a.call('sync.now', {})).status.pending).toBe(0);
  });

  it('uses one server client per laptop, and a new one only when the address changes', async () => {
    const c = await laptop(false);
    try {
      const before = made.length;
      await c.call('sync.signIn', { server: o.server.url, username: 'secretaria', password: PASSWORD });
      for (let i = 0; i < 5; i++) await c.call('sync.now', {});
      await Promise.all(Array.from({ length: 20 }, () => c.call('sync.now', {})));
      expect(made.slice(before)).toEqual([o.server.url]);
      // Ajustes with the same address written differently (a trailing slash) is the same server.
      await c.call('sync.signIn', { server: `${o.server.url}/`, username: 'secretaria', password: PASSWORD });
      await c.call('sync.now', {});
      expect(made.slice(before)).toEqual([o.server.url]);
    } finally {
      await c.close();
    }
    // Another address (a second laptop that never synced, pointed at another host name of the same server).
    const d = await laptop(false);
    try {
      const before = made.length;
      const url = o.server.url;
      const other = url.replace('127.0.0.1', 'localhost');
      await d.call('sync.signIn', { server: url, username: 'secretaria', password: PASSWORD });
      await d.call('sync.signIn', { server: other, username: 'secretaria', password: PASSWORD });
      await d.call('sync.now', {});
      await d.call('sync.now', {});
      expect(made.slice(before)).toEqual([url, other]);
    } finally {
      await d.close();
    }
  });
});
