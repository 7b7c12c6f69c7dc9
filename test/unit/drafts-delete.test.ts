// Drafts are deleted as tombstones (who, when, why), never a locked or signed document; and
// "Generar acta" sent many times at once still makes one draft.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src-main/services/api.js';
import { openApp } from '../../src-main/services/app/open-app.js';
import type { Reply } from '../../src-shared/contract/errors.js';
import { sessionApp } from '../support/session-app.js';

let s: Awaited<ReturnType<typeof sessionApp>>;

beforeEach(async () => {
  s = await sessionApp();
  await s.call('vault.unlock', { passphrase: 'frase de acceso segura' });
});
afterEach(async () => {
  await s.close();
});

const store = () => s.app.store;
const send = (name: Parameters<typeof dispatch>[1], args: unknown) => dispatch(s.app.handlers, name, args);
const sessionId = (key = 'IEM-CMI-SEORD-03/2023') => store().all('sessions').find((x) => x.key === key)!.id;
const newActa = () => s.call('documents.createActa', { sessionId: sessionId() });
const codes = (replies: Reply<unknown>[]) => replies.map((r) => (r.ok ? 'ok' : r.error.code));
const actas = () => store().all('documents').filter((d) => d.kind === 'acta');
const listed = async () => (await s.call('documents.list', {})).map((d) => d.id);

describe('"Generar acta" at the same instant', () => {
  it('makes one draft when sent 100 times at once, and every caller gets that draft', async () => {
    const replies = await Promise.all(Array.from({ length: 100 }, () => send('documents.createActa', { sessionId: sessionId() })));
    expect(codes(replies)).toEqual(Array(100).fill('ok'));
    expect(actas()).toHaveLength(1);
    expect(new Set(replies.map((r) => r.ok && (r.value as { id: string }).id))).toEqual(new Set([actas()[0]!.id]));
    expect((await store().auditEntries(500)).filter((e) => e.mutation === 'document.create')).toHaveLength(1);
  });
});

describe('deleting drafts', () => {
  it('hides a deleted draft everywhere, keeps who, when and why in the audit log, and survives a restart', async () => {
    const doc = await newActa();
    const deleted = await s.call('drafts.delete', { kind: 'documento', id: doc.id, reason: 'Se generó por error', confirm: true });
    expect(deleted).toMatchObject({ title: 'Acta IEM-CMI-SEORD-03/2023', deleted: { by: 'secretaria', reason: 'Se generó por error' } });
    expect(await listed()).not.toContain(doc.id);
    expect(await send('documents.get', { id: doc.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const [entry] = (await store().auditEntries(10)).filter((e) => e.mutation === 'draft.delete');
    expect(entry).toMatchObject({ actor: 'secretaria' });
    const change = (await store().journalEntries()).at(-1)!.changes![0]!.record as { deleted?: { reason: string; by: string; at: string } };
    expect(change.deleted).toMatchObject({ reason: 'Se generó por error', by: 'secretaria' });

    // "Generar acta" again makes a fresh draft instead of reopening the deleted one.
    const again = await newActa();
    expect(again.id).not.toBe(doc.id);

    await s.app.close();
    const reopened = await openApp({ dataDir: s.dir, host: 'cli', actor: 'secretaria', demo: false });
    try {
      expect(reopened.store.all('documents').map((d) => d.id)).toEqual([again.id]);
      expect(reopened.store.get('documents', doc.id)).toBeUndefined();
      expect((await reopened.store.verifyAudit()).ok).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('refuses to delete a locked document, and the document stays', async () => {
    const doc = await newActa();
    await s.call('documents.lock', { id: doc.id });
    const message = await s.refused('drafts.delete', { kind: 'documento', id: doc.id, reason: 'Ya no sirve', confirm: true });
    expect(message).toMatch(/bloqueado; solo se eliminan borradores/);
    expect(await listed()).toContain(doc.id);
  });

  it('needs a confirmation and a reason, in Spanish', async () => {
    const doc = await newActa();
    expect(await s.refused('drafts.delete', { kind: 'documento', id: doc.id, reason: 'Por error' } as never)).toMatch(/Confirme que desea eliminar/);
    expect(await s.refused('drafts.delete', { kind: 'documento', id: doc.id, reason: ' ', confirm: true })).toMatch(/por qué se elimina/);
    expect(store().get('documents', doc.id)).toBeDefined();
  });

  it('deletes once when the same deletion is sent 100 times at once', async () => {
    const doc = await newActa();
    const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => send('drafts.delete', { kind: 'documento', id: doc.id, reason: `Intento ${i}`, confirm: true })));
    expect(codes(replies).filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes(replies).filter((c) => c === 'NOT_FOUND')).toHaveLength(99);
    expect((await store().auditEntries(500)).filter((e) => e.mutation === 'draft.delete')).toHaveLength(1);
  });

  it('takes a lock and a deletion sent together in one order or the other, never both', async () => {
    const doc = await newActa();
    const [lock, del] = await Promise.all([
      send('documents.lock', { id: doc.id }),
      send('drafts.delete', { kind: 'documento', id: doc.id, reason: 'Por error', confirm: true }),
    ]);
    expect([lock.ok, del.ok].filter(Boolean)).toHaveLength(1);
    if (lock.ok) expect(store().get('documents', doc.id)?.status).toBe('bloqueado');
    else expect(store().get('documents', doc.id)).toBeUndefined();
  });

  it('deletes an acta in borrador with its body, and a new acta can be drafted; a presented one stays', async () => {
    const m = await s.call('minutes.create', { sessionId: sessionId() });
    await s.call('drafts.delete', { kind: 'acta', id: m.id, reason: 'Se rehará', confirm: true });
    expect((await s.call('minutes.get', { sessionId: sessionId() })).versions).toEqual([]);
    expect(await send('drafts.get', { id: m.draftId })).toMatchObject({ ok: false });
    const again = await s.call('minutes.create', { sessionId: sessionId() });
    await s.call('minutes.present', { id: again.id });
    expect(await s.refused('drafts.delete', { kind: 'acta', id: again.id, reason: 'Se rehará', confirm: true })).toMatch(/Solo se elimina un acta en borrador/);
  });

  it('deletes a lineamiento in borrador and lists it no more', async () => {
    const g = await s.call('guidelines.create', { commissionId: s.cmi().id, title: 'Lineamientos de prueba' });
    await s.call('drafts.delete', { kind: 'lineamiento', id: g.id, reason: 'Duplicado', confirm: true });
    expect((await s.call('guidelines.list', {})).map((x) => x.id)).not.toContain(g.id);
  });

  it('is refused on a screen where nobody with the right role is signed in', async () => {
    const doc = await newActa();
    const screen = createHandlers({ store: store(), vault: s.app.vault, host: 'web', actor: 'os', requireSignIn: true });
    const reply = await dispatch(screen, 'drafts.delete', { kind: 'documento', id: doc.id, reason: 'Por error', confirm: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(store().get('documents', doc.id)).toBeDefined();
  });
});
