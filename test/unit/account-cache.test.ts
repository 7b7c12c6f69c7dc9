// The server's accounts cached for offline sign-in, against what a broken or hostile server could
// list: entries that are not accounts are skipped (never cached, never crashing the round), a
// local account keeps its username, and a verifier asking for gigabytes of memory signs nobody in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, createServiceContext, dispatch, type Handlers } from '../../src-main/services/api.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { hashPassword } from '../../src-main/services/accounts/password.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import { refreshAccountCache } from '../../src-main/services/sync/account-cache.js';
import type { ServerClient } from '../../src-main/services/sync/server-client.js';
import type { AuthStatus } from '../../src-shared/contract/calls.js';
import type { CachedAccount } from '../../src-shared/sync/protocol.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let handlers: Handlers;

const serverListing = (accounts: unknown[]) => ({ accounts: async () => ({ accounts: accounts as CachedAccount[] }) }) as unknown as ServerClient;
const refresh = (accounts: unknown[]) => refreshAccountCache(store, serverListing(accounts), 'token', 'CMI', 'sincronización:prueba');

async function account(username: string, password: string, extra: Partial<CachedAccount> = {}): Promise<CachedAccount> {
  // The server's own cost (N=2^14), as src-server/passwords.ts hashes.
  return { id: `srv-${username}`, username, personId: 'srvperson1', displayName: username, role: 'integrante', office: null, verifier: await hashPassword(password, { N: 16384, r: 8, p: 1 }), ...extra };
}

beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir.path);
  await ensureDemo(store, 'os@laptop');
  handlers = createHandlers(createServiceContext({ store, vault: new VaultKey(dir.path, undefined), host: 'web', actor: 'os@laptop', requireSignIn: true }));
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

describe('accounts cached from the server', () => {
  it('skips what is not an account, and signs in the accounts that are', async () => {
    const good = await account('carol', 'clave-de-carol');
    const outcome = await refresh([
      good,
      null,
      'carol',
      { ...good, id: 'srv-x', username: 'Mayúsculas' },
      { ...good, id: 'srv-y', username: 'jefa', role: 'jefa' },
      { ...good, id: 'srv-z', username: 'extra', isAdmin: true },
      { ...good, id: 'srv-w', username: 'sin-hash', verifier: 'contraseña-en-claro' },
    ]);
    expect(outcome.changed).toBe(1);
    expect(store.all('accounts').map((a) => a.username)).toEqual(['carol']);
    const signed = await dispatch(handlers, 'auth.signIn', { username: 'carol', password: 'clave-de-carol' });
    expect(signed.ok && (signed.value as AuthStatus).user?.username).toBe('carol');
  });

  it('never caches over a local account of the same username, and says why', async () => {
    await dispatch(handlers, 'auth.setup', { username: 'carol', password: 'clave-local-1' });
    const outcome = await refresh([await account('carol', 'clave-del-servidor')]);
    expect(outcome.changed).toBe(0);
    expect(outcome.skipped[0]!.reason).toMatch(/Ya existe en este equipo una cuenta local «carol»/);
    await dispatch(handlers, 'auth.signOut', {});
    const refused = await dispatch(handlers, 'auth.signIn', { username: 'carol', password: 'clave-del-servidor' });
    expect(refused).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Usuario o contraseña incorrectos.' } });
  });

  it('a verifier asking for a huge scrypt cost signs nobody in, instead of exhausting memory', async () => {
    const a = await account('carol', 'clave-de-carol');
    const parts = a.verifier.split('$');
    parts[1] = String(2 ** 24);
    await refresh([{ ...a, verifier: parts.join('$') }]);
    const refused = await dispatch(handlers, 'auth.signIn', { username: 'carol', password: 'clave-de-carol' });
    expect(refused.ok).toBe(false);
  });

  it('writes nothing when nothing changed, and 100 refreshes at once leave one copy', async () => {
    const list = [await account('carol', 'clave-de-carol'), await account('ana', 'clave-de-ana', { role: 'revisor', office: 'Oficina de la Consejera Ana' })];
    await refresh(list);
    const seq = (await store.journalAfter(0)).length;
    expect((await refresh(list)).changed).toBe(0);
    expect((await store.journalAfter(0)).length).toBe(seq);
    await Promise.all(Array.from({ length: 100 }, () => refresh(list.map((a) => ({ ...a, displayName: `${a.displayName} (nuevo)` })))));
    expect(store.all('accounts').map((a) => a.username).sort()).toEqual(['ana', 'carol']);
    expect(store.all('accounts').find((a) => a.username === 'ana')).toMatchObject({ office: 'Oficina de la Consejera Ana', roles: [{ role: 'revisor' }] });
  });
});
