/**
 * The server's accounts on the laptops (issue 14 point 2, issue 13's reviewers), through the app's
 * own calls against the real server, on PostgreSQL and PGlite. What a user would notice:
 * - someone with a server account signs in on a laptop with the network off, one where they never
 *   signed in before; a role changed on the server is theirs after the laptop's next sync; an
 *   account disabled or taken out of the commission on the server no longer signs in there;
 * - an office's revisor syncs its own laptop, sees the round sent to its office (and nothing
 *   else of the commission), answers it offline, and the secretary receives the answer.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getGuideline } from '../../src-main/services/guidelines/guidelines.js';
import { engineFor } from '../../src-main/services/sync/registry.js';
import { addUser, removeMembership, setDisabled } from '../../src-server/accounts.js';
import type { Database } from '../../src-server/db.js';
import { BACKENDS, openBackend, PASSWORD, startTestServer, type TestServer } from './harness.js';
import { laptop, textOf, type Laptop } from './laptop.js';

/** Runs `fn` with the network cut: any request fails as it would offline. */
async function offline<T>(fn: () => Promise<T>): Promise<T> {
  const spy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'));
  try {
    return await fn();
  } finally {
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }
}

const OFFICE = 'Oficina de la Consejera Ana';
const OTHER_OFFICE = 'Oficina del Consejero Luis';

describe.each(BACKENDS)('server accounts on the laptops, on %s', (backend) => {
  let db: Database;
  let server: TestServer;
  let office: Laptop;
  let fresh: Laptop;

  beforeAll(async () => {
    db = await openBackend(backend);
    server = await startTestServer(db);
    await server.user('secretaria', 'CMI', 'secretaria');
    await addUser(db, { username: 'araceli', password: 'clave-de-araceli', commission: 'CMI', role: 'integrante', displayName: 'MTRA. ARACELI GUTIÉRREZ CORTÉZ' });
    office = await laptop(true);
    await office.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD });
    await office.call('sync.now', {});
    // A new laptop: nobody but the secretary has ever used it, and only to set up sync.
    fresh = await laptop(false);
    await fresh.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD });
    await fresh.call('sync.now', {});
  }, 180_000);
  afterAll(async () => {
    await fresh?.close();
    await office?.close();
    await server?.close();
    await db?.close();
  });

  it('signs in with a server account on a laptop that is offline and never saw that person sign in', async () => {
    const status = await offline(() => fresh.call('auth.signIn', { username: 'araceli', password: 'clave-de-araceli' }));
    const cmi = fresh.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    expect(status.user).toMatchObject({ username: 'araceli', personName: 'MTRA. ARACELI GUTIÉRREZ CORTÉZ', roles: [{ role: 'consejeria', commissionId: cmi.id }] });
    // Her person is the laptop's own record: her box on the hoja de firmas is hers.
    expect(status.user!.personId).toBe(fresh.app.store.all('people').find((p) => p.name === 'ARACELI GUTIÉRREZ CORTÉZ')!.id);
    await fresh.call('auth.signOut', {});
    expect(await offline(() => fresh.refused('auth.signIn', { username: 'araceli', password: 'otra-clave-123' }))).toBe('Usuario o contraseña incorrectos.');
    // The server is its authority: this laptop does not disable it on its own.
    expect(await fresh.refused('accounts.setDisabled', { id: fresh.app.store.all('accounts').find((a) => a.username === 'araceli')!.id, disabled: true })).toMatch(
      /viene del servidor de sincronización: se activa o desactiva allí/,
    );
    // The verifier came from the server's hash, never the password; and it is not sent back up.
    const cached = fresh.app.store.all('accounts').find((a) => a.username === 'araceli')!;
    expect(cached.verifier).toMatch(/^scrypt\$16384\$8\$1\$/);
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM changes WHERE collection = 'accounts' OR payload::text LIKE '%scrypt$%'");
    expect(rows[0]!.n).toBe(0);
  });

  it('gives a role changed on the server at the next sync, also to the person already signed in', async () => {
    await addUser(db, { username: 'lucia', password: 'clave-de-lucia', commission: 'CMI', role: 'personal' });
    await fresh.call('sync.now', {});
    const before = await offline(() => fresh.call('auth.signIn', { username: 'lucia', password: 'clave-de-lucia' }));
    expect(before.user!.roles.map((r) => r.role)).toEqual(['personal']);
    await addUser(db, { username: 'lucia', password: 'clave-de-lucia', commission: 'CMI', role: 'secretaria' });
    await fresh.call('sync.now', {});
    expect((await fresh.call('auth.status', {})).user!.roles.map((r) => r.role)).toEqual(['secretaria']);
    await fresh.call('auth.signOut', {});
  });

  it('an online laptop gets a role change within seconds, told by the server’s event stream', async () => {
    await addUser(db, { username: 'karla', password: 'clave-de-karla', commission: 'CMI', role: 'personal' });
    const online = await laptop(false);
    try {
      await online.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD });
      (await engineFor(online.app.store)).startBackground();
      const roleOf = () => online.app.store.all('accounts').find((a) => a.username === 'karla')?.roles[0]!.role;
      await vi.waitFor(() => expect(roleOf()).toBe('personal'), { timeout: 10_000 });
      // Once its event stream is open; the next periodic round is minutes away.
      await vi.waitFor(async () => expect(((await (await fetch(`${server.url}/health`)).json()) as { subscribers: number }).subscribers).toBeGreaterThan(0), { timeout: 10_000 });
      await addUser(db, { username: 'karla', password: 'clave-de-karla', commission: 'CMI', role: 'secretaria' });
      await vi.waitFor(() => expect(roleOf()).toBe('secretaria'), { timeout: 5_000 });
    } finally {
      await online.close();
    }
  });

  it('stops accepting, after the next sync, an account disabled or taken out of the commission on the server', async () => {
    await addUser(db, { username: 'viridiana', password: 'clave-de-viri', commission: 'CMI', role: 'integrante' });
    await fresh.call('sync.now', {});
    await fresh.call('auth.signIn', { username: 'viridiana', password: 'clave-de-viri' });
    await setDisabled(db, 'viridiana', true);
    await removeMembership(db, 'araceli', 'CMI');
    // Until the laptop hears of it, it cannot know: both still sign in offline.
    await offline(() => fresh.call('auth.signIn', { username: 'araceli', password: 'clave-de-araceli' }));
    await fresh.call('sync.now', {});
    // The one signed in is signed out at her next call; neither signs in again.
    expect((await fresh.call('auth.status', {})).user).toBeNull();
    for (const [username, password] of [['viridiana', 'clave-de-viri'], ['araceli', 'clave-de-araceli']] as const) {
      expect(await fresh.refused('auth.signIn', { username, password })).toBe('Usuario o contraseña incorrectos.');
    }
    // Enabled again on the server, it comes back at the next sync.
    await setDisabled(db, 'viridiana', false);
    await fresh.call('sync.now', {});
    expect((await fresh.call('auth.signIn', { username: 'viridiana', password: 'clave-de-viri' })).user!.username).toBe('viridiana');
    await fresh.call('auth.signOut', {});
  });

  it('a laptop whose own sync account is disabled says so and no longer signs that account in', async () => {
    await addUser(db, { username: 'mesa', password: 'clave-de-mesa', commission: 'CMI', role: 'secretaria' });
    const third = await laptop(false);
    try {
      await third.call('sync.signIn', { server: server.url, username: 'mesa', password: 'clave-de-mesa' });
      await third.call('sync.now', {});
      await third.call('auth.signIn', { username: 'mesa', password: 'clave-de-mesa' });
      await setDisabled(db, 'mesa', true);
      expect(await third.refused('sync.now', { reason: 'button' })).toMatch(/desactivada en el servidor/);
      expect((await third.call('auth.status', {})).user).toBeNull();
      expect(await third.refused('auth.signIn', { username: 'mesa', password: 'clave-de-mesa' })).toBe('Usuario o contraseña incorrectos.');
    } finally {
      await third.close();
    }
  });

  it('an office\u2019s revisor syncs only the round sent to its office, answers it offline, and the secretary receives the answer', async () => {
    const cmi = office.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const g = await office.call('guidelines.create', { commissionId: cmi.id, title: 'Lineamientos para el uso de las TIC' });
    const doc = new Y.Doc();
    doc.getText('prueba').insert(0, 'Texto del proyecto. ');
    await office.call('drafts.append', { id: g.draftId, update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64') });
    await office.call('guidelines.comment', { id: g.id, text: 'Nota interna de la secretaría.' });
    // A named version is a file the reviewer may not download: its sync must not stumble on it.
    await office.call('guidelines.saveVersion', { id: g.id, name: 'Proyecto inicial' });
    const hidden = await office.call('guidelines.create', { commissionId: cmi.id, title: 'Lineamiento sin ronda para esta oficina' });
    // An earlier round to the office, written after `g`: the reviewer's cursor passes `g`'s history.
    const earlier = await office.call('guidelines.create', { commissionId: cmi.id, title: 'Lineamientos de contraseñas' });
    await office.call('guidelines.sendRound', { id: earlier.id, name: 'Ronda previa', due: '2026-12-10', offices: [OFFICE] });
    await office.call('sync.now', {});

    await addUser(db, { username: 'oficina-ana', password: 'clave-de-oficina', commission: 'CMI', role: 'revisor', office: OFFICE });
    const reviewer = await laptop(false);
    try {
      await reviewer.call('sync.signIn', { server: server.url, username: 'oficina-ana', password: 'clave-de-oficina' });
      await reviewer.call('sync.now', {});
      // Before `g`'s round: the earlier round, the commission's name and its own account, nothing else.
      expect(reviewer.app.store.all('guidelines').map((x) => x.title)).toEqual(['Lineamientos de contraseñas']);
      expect(reviewer.app.store.count('sessions')).toBe(0);
      expect(reviewer.app.store.all('accounts').map((a) => a.username)).toEqual(['oficina-ana']);

      // The round goes out after the guideline was written: its earlier history comes along.
      const sent = await office.call('guidelines.sendRound', { id: g.id, name: 'Primera reunión de retroalimentación', due: '2026-12-15', offices: [OFFICE, OTHER_OFFICE] });
      await office.call('sync.now', {});
      await reviewer.call('sync.now', {});
      expect(await textOf(reviewer, g.draftId)).toBe('Texto del proyecto. ');
      expect(reviewer.app.store.get('guidelines', hidden.id)).toBeUndefined();
      expect(reviewer.app.store.count('sessions') + reviewer.app.store.count('people') + reviewer.app.store.count('activities')).toBe(0);
      const held = getGuideline(reviewer.app.store, g.id);
      expect(held.comments).toEqual([]); // the secretary's note is not the office's
      expect(held.rounds[0]!.offices.map((o) => o.name)).toEqual([OFFICE]);

      const roundId = sent.rounds[0]!.id;
      await offline(async () => {
        const status = await reviewer.call('auth.signIn', { username: 'oficina-ana', password: 'clave-de-oficina' });
        expect(status.user).toMatchObject({ office: OFFICE, roles: [{ role: 'revisor' }] });
        const rounds = await reviewer.call('review.rounds', {});
        expect(rounds.map((r) => [r.title, r.roundName])).toEqual([
          ['Lineamientos para el uso de las TIC', 'Primera reunión de retroalimentación'],
          ['Lineamientos de contraseñas', 'Ronda previa'],
        ]);
        await reviewer.call('review.comment', { id: g.id, roundId, text: 'Sugerimos precisar el alcance.' });
        await reviewer.call('review.answer', { id: g.id, roundId });
      });
      // Meanwhile the secretary adds a note: the office's answer must not erase it.
      await office.call('guidelines.comment', { id: g.id, text: 'Segunda nota de la secretaría.' });
      await office.call('sync.now', {});
      const pushed = await reviewer.call('sync.now', { reason: 'button' });
      expect(pushed.rejected).toEqual([]);
      await office.call('sync.now', {});
      const merged = (await office.call('guidelines.get', { id: g.id })).guideline;
      expect(merged.comments.map((c) => c.text).sort()).toEqual(['Nota interna de la secretaría.', 'Segunda nota de la secretaría.', 'Sugerimos precisar el alcance.']);
      expect(merged.comments.find((c) => c.text === 'Sugerimos precisar el alcance.')).toMatchObject({ office: OFFICE, roundId, by: 'oficina-ana' });
      const answered = merged.rounds[0]!.offices;
      expect(answered.find((o) => o.name === OFFICE)).toMatchObject({ answeredBy: 'oficina-ana' });
      expect(answered.find((o) => o.name === OTHER_OFFICE)!.answeredAt).toBeUndefined();
    } finally {
      await reviewer.close();
    }
  });
});
