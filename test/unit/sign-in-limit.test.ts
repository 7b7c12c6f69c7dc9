// Wrong passwords: after five in a row the account waits, longer each time; the wait survives a
// restart, is audited, and an administrator can end it. Time moves by the app's clock, not sleeps.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { createHandlers, createServiceContext, dispatch, type Handlers } from '../../src-main/services/api.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import type { AccountView, AuthStatus } from '../../src-shared/contract/calls.js';
import type { Reply } from '../../src-shared/contract/errors.js';
import { personId } from '../support/people.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let handlers: Handlers;
let now: Date;
const clock = { now: () => now };

async function open(): Promise<void> {
  store = await Store.open(dir.path);
  const vault = new VaultKey(dir.path, undefined);
  handlers = createHandlers(createServiceContext({ store, vault, host: 'web', actor: 'os@laptop', requireSignIn: true, clock }));
}

async function ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
  return reply.value as T;
}

const signIn = (password: string) => dispatch(handlers, 'auth.signIn', { username: 'carol', password });
const codes = (replies: Reply<unknown>[]) => replies.map((r) => (r.ok ? 'ok' : r.error.code));
const later = (ms: number) => (now = new Date(now.getTime() + ms));

beforeEach(async () => {
  now = new Date('2026-12-01T17:00:00.000Z');
  dir = await tempDir();
  await open();
  await ensureDemo(store, 'sistema');
  await ok('auth.setup', { username: 'admin', password: 'clave-de-administracion' });
  await ok('accounts.create', { username: 'carol', password: 'clave-de-carol-2026', personId: personId(store, 'CAROL BERENICE ARELLANO RANGEL'), role: 'consejeria' });
  await ok('auth.signOut', {});
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

describe('sign-in rate limit', () => {
  it('after 100 wrong passwords at once refuses the right one until the delay passes, also after a restart', async () => {
    const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(`equivocada-${i}`)));
    expect(codes(replies).filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
    expect(codes(replies).filter((c) => c === 'LOCKED')).toHaveLength(95);
    // Only the five checked passwords are in the audit log; the wait started with the fifth.
    expect((await store.auditEntries(500)).filter((e) => e.mutation === 'signIn.wrongPassword')).toHaveLength(5);
    const fifth = replies.find((r) => !r.ok && /Demasiados intentos/.test(r.error.message));
    expect(fifth && !fifth.ok && fifth.error.message).toMatch(/^Usuario o contraseña incorrectos\. Demasiados intentos: Vuelva a intentarlo a las \d\d:\d\d \(en 1 minuto\)/);
    const incidents = store.all('incidents').filter((i) => i.kind === 'acceso-bloqueado');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.detail).toContain('«carol»');

    const right = await signIn('clave-de-carol-2026');
    expect(right).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(!right.ok && right.error.message).toMatch(/^Demasiadas contraseñas incorrectas para «carol»\. Vuelva a intentarlo a las \d\d:\d\d \(en 1 minuto\) o pida a la administración/);

    await store.close();
    await open();
    later(30_000);
    expect(await signIn('clave-de-carol-2026')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

    later(31_000);
    const status = await ok<AuthStatus>('auth.signIn', { username: 'carol', password: 'clave-de-carol-2026' });
    expect(status.user?.username).toBe('carol');
    expect(store.get('signInFailures', status.user!.id)).toMatchObject({ failures: 0, lockedUntil: null });
  });

  it('doubles the wait with each wrong password past the limit', async () => {
    for (let i = 0; i < 5; i++) await signIn('equivocada');
    const id = store.all('accounts').find((a) => a.username === 'carol')!.id;
    const wait = () => Date.parse(store.get('signInFailures', id)!.lockedUntil!) - now.getTime();
    expect(wait()).toBe(60_000);
    later(61_000);
    expect(await signIn('equivocada')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(wait()).toBe(120_000);
    later(121_000);
    await signIn('equivocada');
    expect(wait()).toBe(240_000);
    // Four wrong passwords are free: no wait before the fifth.
    later(24 * 60 * 60_000);
    for (let i = 0; i < 4; i++) await signIn('equivocada');
    expect(store.get('signInFailures', id)!.lockedUntil).toBeNull();
  });

  it('lets an administrator end the wait with a reason, audited; nobody else', async () => {
    await Promise.all(Array.from({ length: 8 }, () => signIn('equivocada')));
    const carol = store.all('accounts').find((a) => a.username === 'carol')!;
    const anonymous = await dispatch(handlers, 'accounts.clearSignInLock', { id: carol.id, reason: 'Olvidó su contraseña' });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    await ok('auth.signIn', { username: 'admin', password: 'clave-de-administracion' });
    const listed = (await ok<AccountView[]>('accounts.list', {})).find((a) => a.username === 'carol')!;
    expect(listed.lockedUntil).toBe(new Date(now.getTime() + 60_000).toISOString());
    const noReason = await dispatch(handlers, 'accounts.clearSignInLock', { id: carol.id, reason: '' });
    expect(!noReason.ok && noReason.error.message).toMatch(/motivo del desbloqueo/);
    const cleared = await ok<AccountView>('accounts.clearSignInLock', { id: carol.id, reason: 'Se identificó en persona' });
    expect(cleared.lockedUntil).toBeNull();
    const incident = store.all('incidents').find((i) => i.kind === 'desbloqueo-acceso')!;
    expect(incident.detail).toMatch(/^admin desbloqueó el acceso de «carol» .*Motivo: Se identificó en persona$/);

    const status = await ok<AuthStatus>('auth.signIn', { username: 'carol', password: 'clave-de-carol-2026' });
    expect(status.user?.username).toBe('carol');
  });

  it('answers an unknown user as a wrong password and keeps no count for it', async () => {
    const reply = await dispatch(handlers, 'auth.signIn', { username: 'nadie', password: 'equivocada' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Usuario o contraseña incorrectos.' } });
    expect(store.all('signInFailures')).toEqual([]);
  });

  it('holds at the command line too: --user with a wrong password five times, then the right one is refused', async () => {
    await store.close();
    const wrong = join(dir.path, 'wrong.pw');
    const right = join(dir.path, 'right.pw');
    await writeFile(wrong, 'equivocada\n');
    await writeFile(right, 'clave-de-carol-2026\n');
    const run = async (file: string) => {
      const err: string[] = [];
      const code = await main(['people', 'set', '--data-dir', dir.path, '--person', personId(store, 'CAROL BERENICE ARELLANO RANGEL'), '--email', 'carol@iem.org.mx', '--user', 'carol', '--password-file', file], {
        out: () => undefined,
        err: (t) => err.push(t),
        stdin: async () => '',
      });
      return { code, err: err.join('\n') };
    };
    for (let i = 0; i < 5; i++) expect(await run(wrong)).toMatchObject({ code: 2, err: expect.stringContaining('wrong username or password') });
    const refused = await run(right);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('cannot sign in as carol: too many wrong passwords in a row');
    await open();
    expect(store.all('people').find((p) => p.name === 'CAROL BERENICE ARELLANO RANGEL')!.email).toBeNull();
  });
});
