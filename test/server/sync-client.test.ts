/**
 * The app's sync client (issue 14) against the real server: two data folders ("two laptops")
 * share one server, on PostgreSQL and on PGlite. What a user would notice: the other laptop gets
 * the records, two offline edits of different fields both survive, two offline edits of the same
 * text both survive, an edit of a document locked elsewhere is refused in Spanish and kept here,
 * and a push whose answer was lost is applied once when retried.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../src-main/cli.js';
import { lockDraftPut } from '../../src-main/services/drafts/drafts.js';
import { defineMutation } from '../../src-main/services/store/store.js';
import { engineFor } from '../../src-main/services/sync/registry.js';
import { z } from 'zod';
import type { Database } from '../../src-server/db.js';
import { tempDir } from '../support/temp.js';
import { BACKENDS, PASSWORD, type TestServer } from './harness.js';
import { laptop, textOf, twoLaptops, type Laptop, type Office } from './laptop.js';

/** Types `text` at the end of a draft's "prueba" text, as an editor would: one small update. */
async function typeInto(l: Laptop, draftId: string, text: string) {
  const state = await l.call('drafts.get', { id: draftId });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(state.state, 'base64'));
  const before = Y.encodeStateVector(doc);
  doc.getText('prueba').insert(doc.getText('prueba').length, text);
  await l.call('drafts.append', { id: draftId, update: Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64') });
}

const lockDraft = defineMutation({
  name: 'test.lockDraft',
  args: z.object({ id: z.string() }),
  apply(ctx, { id }) {
    const { put } = lockDraftPut(ctx, id);
    return { puts: [put], result: () => undefined };
  },
});

describe.each(BACKENDS)('sync client on %s', (backend) => {
  let db: Database;
  let server: TestServer;
  let a: Laptop;
  let b: Laptop;

  let office: Office | undefined;

  beforeAll(async () => {
    office = await twoLaptops(backend);
    ({ db, server, a, b } = office);
    await server.user('consejera', 'CMI', 'integrante');
  }, 120_000);
  afterAll(() => office?.close());

  it('the second laptop receives the first one\'s records, and a field edited on each survives on both', async () => {
    const first = await a.call('sync.now', {});
    const records = ['commissions', 'sessions', 'people', 'activities', 'programmes', 'calendars', 'institute'] as const;
    const count = records.reduce((n, c) => n + a.app.store.count(c), 0);
    expect(count).toBeGreaterThan(20);
    expect(first.pushed).toBeGreaterThanOrEqual(count);
    expect(first.status.pending).toBe(0);
    expect(first.status.online).toBe(true);
    const second = await b.call('sync.now', {});
    expect(second.pulled).toBe(first.pushed);
    const sessionsA = a.app.store.all('sessions');
    expect(b.app.store.all('sessions').map((s) => s.key).sort()).toEqual(sessionsA.map((s) => s.key).sort());
    for (const c of records) expect(b.app.store.count(c), c).toBe(a.app.store.count(c));
    expect(b.app.store.all('people').map((p) => p.name).sort()).toEqual(a.app.store.all('people').map((p) => p.name).sort());

    // Offline, each edits a different field of the same session.
    const id = sessionsA.find((s) => s.status !== 'cancelada')!.id;
    await a.call('sessions.update', { id, place: 'Sala de Consejo General' });
    await b.call('sessions.update', { id, time: '17:30' });
    expect(b.app.store.get('sessions', id)!.place).not.toBe('Sala de Consejo General');
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    await a.call('sync.now', {});
    for (const l of [a, b]) {
      const s = l.app.store.get('sessions', id)!;
      expect({ place: s.place, time: s.time }).toEqual({ place: 'Sala de Consejo General', time: '17:30' });
    }
    // Nothing left to send, and the merged records are not sent back.
    expect((await a.call('sync.status', {})).pending).toBe(0);
    expect((await b.call('sync.status', {})).pending).toBe(0);
  });

  it('two offline edits of the same draft text both survive, and the laptop is told whose edits came in', async () => {
    const cmi = a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const guideline = await a.call('guidelines.create', { commissionId: cmi.id, title: 'Lineamientos de sincronización' });
    await typeInto(a, guideline.draftId, 'Inicio. ');
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    expect(await textOf(b, guideline.draftId)).toBe('Inicio. ');

    await typeInto(a, guideline.draftId, 'Texto de la secretaría. ');
    await typeInto(b, guideline.draftId, 'Texto de la consejera. ');
    await a.call('sync.now', {});
    const pulled = await b.call('sync.now', {});
    await a.call('sync.now', {});
    const textA = await textOf(a, guideline.draftId);
    expect(textA).toContain('Texto de la secretaría.');
    expect(textA).toContain('Texto de la consejera.');
    expect(await textOf(b, guideline.draftId)).toBe(textA);
    expect(pulled.status.merges.some((m) => m.draftId === guideline.draftId)).toBe(true);
  });

  it('an edit of a draft locked on the other laptop is refused in Spanish and stays on this laptop', async () => {
    const cmi = a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const guideline = await a.call('guidelines.create', { commissionId: cmi.id, title: 'Lineamiento que se bloquea' });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    await a.app.store.mutate(lockDraft, { id: guideline.draftId }, 'secretaria');
    await typeInto(b, guideline.draftId, 'Cambio tardío. ');
    await a.call('sync.now', {});
    const round = await b.call('sync.now', {});
    expect(round.rejected.length).toBeGreaterThan(0);
    expect(round.rejected[0]!.reason).toMatch(/bloqueado/);
    expect(round.status.lastError).toMatch(/rechazado/);
    expect(round.status.pending).toBe(0);
    // Nothing lost here: the late edit is still in this laptop's copy.
    expect(await textOf(b, guideline.draftId)).toContain('Cambio tardío.');
    expect(await textOf(a, guideline.draftId)).not.toContain('Cambio tardío.');
  });

  it('a push whose answer is lost is applied once when retried', async () => {
    const id = a.app.store.all('sessions')[0]!.id;
    await a.call('sessions.update', { id, place: 'Auditorio' });
    await a.call('sessions.update', { id, place: 'Auditorio del IEM' });
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const res = await realFetch(input, init);
      if (String(input).endsWith('/push')) throw new TypeError('fetch failed'); // stored, answer lost
      return res;
    });
    try {
      await expect(a.call('sync.now', {})).rejects.toThrow(/No se pudo conectar/);
    } finally {
      spy.mockRestore();
    }
    const offline = await a.call('sync.status', {});
    expect(offline.online).toBe(false);
    expect(offline.pending).toBeGreaterThan(0);
    const retried = await a.call('sync.now', {});
    expect(retried.pushed).toBe(0); // the server already had both: duplicates
    expect(retried.status.pending).toBe(0);
    const engine = await engineFor(a.app.store);
    const clientId = (engine as unknown as { state: { clientId: string } }).state.clientId;
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM changes WHERE client_id = $1 AND record_id = $2', [clientId, id]);
    const before = rows[0]!.n;
    await b.call('sync.now', {});
    expect(b.app.store.get('sessions', id)!.place).toBe('Auditorio del IEM');
    const again = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM changes WHERE client_id = $1 AND record_id = $2', [clientId, id]);
    expect(again.rows[0]!.n).toBe(before);
  });

  it('a wrong password or an unreachable server is said in Spanish, and nothing is stored', async () => {
    const c = await laptop(false);
    try {
      expect(await c.refused('sync.signIn', { server: server.url, username: 'secretaria', password: 'otra' })).toMatch(/Usuario o contraseña incorrectos/);
      expect(await c.refused('sync.signIn', { server: 'http://127.0.0.1:9', username: 'secretaria', password: PASSWORD })).toMatch(/No se pudo conectar/);
      expect(await c.refused('sync.now', {})).toMatch(/Configure primero el servidor/);
      expect((await c.call('sync.status', {})).configured).toBe(false);
    } finally {
      await c.close();
    }
  });

  it('sesiona sync does one round and prints what moved; bad credentials and an unreachable server exit non-zero in English', async () => {
    const dir = await tempDir();
    try {
      const pw = join(dir.path, 'pw');
      await writeFile(pw, `${PASSWORD}\n`);
      const data = join(dir.path, 'data');
      const run = async (...args: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(['sync', '--data-dir', data, ...args], { out: (t) => out.push(t), err: (t) => err.push(t), stdin: async () => '' });
        return { code, out: out.join('\n'), err: err.join('\n') };
      };
      const ok = await run('--server', server.url, '--username', 'secretaria', '--password-file', pw);
      expect(ok.err).toBe('');
      expect(ok.code).toBe(0);
      const pulled = Number(/pulled (\d+)/.exec(ok.out)![1]);
      expect(pulled).toBeGreaterThan(20);
      expect(ok.out).toMatch(/^pushed 0, pulled \d+, rejected 0$/m);
      const again = await run('--server', server.url, '--username', 'secretaria', '--password-file', pw);
      expect(again.out).toMatch(/^pushed 0, pulled 0, rejected 0$/m);

      await writeFile(pw, 'otra-clave\n');
      const wrong = await run('--server', server.url, '--username', 'secretaria', '--password-file', pw);
      expect(wrong.code).toBe(2);
      expect(wrong.err).toMatch(/^error: cannot sign in to /);
      const away = await run('--server', 'http://127.0.0.1:9', '--username', 'secretaria', '--password-file', pw);
      expect(away.code).toBe(1);
      expect(away.err).toMatch(/cannot reach the server/);
      const usage = await run('--server', server.url);
      expect(usage.code).toBe(2);
      expect(usage.err).toMatch(/missing --username/);
    } finally {
      await dir.cleanup();
    }
  });
});
