// Drafts are deleted as tombstones (who, when, why), never a locked or signed document; and
// "Generar acta" sent many times at once still makes one draft.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import type { DocumentSummary, SessionSummary } from '../../src-shared/contract/calls.js';
import type { Reply } from '../../src-shared/contract/errors.js';
import type { Guideline, Minutes } from '../../src-shared/domain/index.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let handlers: Handlers;
let vault: VaultKey;

async function open(): Promise<void> {
  store = await Store.open(dir.path);
  vault = new VaultKey(dir.path, undefined);
  await vault.unlockWithPassphrase('frase de acceso segura');
  handlers = createHandlers({ store, vault, host: 'web', actor: 'secretaria' });
}

beforeEach(async () => {
  dir = await tempDir();
  await open();
  await ensureDemo(store, 'sistema');
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

async function ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
  return reply.value as T;
}

async function sessionId(key = 'IEM-CMI-SEORD-03/2023'): Promise<string> {
  return (await ok<SessionSummary[]>('sessions.list', {})).find((s) => s.key === key)!.id;
}

const codes = (replies: Reply<unknown>[]) => replies.map((r) => (r.ok ? 'ok' : r.error.code));
const actas = () => store.all('documents').filter((d) => d.kind === 'acta');

describe('"Generar acta" at the same instant', () => {
  it('makes one draft when sent 100 times at once, and every caller gets that draft', async () => {
    const id = await sessionId();
    const replies = await Promise.all(Array.from({ length: 100 }, () => dispatch(handlers, 'documents.createActa', { sessionId: id })));
    expect(codes(replies)).toEqual(Array(100).fill('ok'));
    expect(actas()).toHaveLength(1);
    expect(new Set(replies.map((r) => r.ok && (r.value as DocumentSummary).id))).toEqual(new Set([actas()[0]!.id]));
    expect((await store.auditEntries(500)).filter((e) => e.mutation === 'document.create')).toHaveLength(1);
  });
});

describe('deleting drafts', () => {
  it('hides a deleted draft everywhere, keeps who, when and why in the audit log, and survives a restart', async () => {
    const doc = await ok<DocumentSummary>('documents.createActa', { sessionId: await sessionId() });
    const deleted = await ok<{ title: string; deleted: { by: string; reason: string } }>('drafts.delete', {
      kind: 'documento',
      id: doc.id,
      reason: 'Se generó por error',
      confirm: true,
    });
    expect(deleted).toMatchObject({ title: 'Acta IEM-CMI-SEORD-03/2023', deleted: { by: 'secretaria', reason: 'Se generó por error' } });
    expect((await ok<DocumentSummary[]>('documents.list', {})).map((d) => d.id)).not.toContain(doc.id);
    expect(await dispatch(handlers, 'documents.get', { id: doc.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const [entry] = (await store.auditEntries(10)).filter((e) => e.mutation === 'draft.delete');
    expect(entry).toMatchObject({ actor: 'secretaria' });
    const journal = await store.journalEntries();
    const change = journal.at(-1)!.changes![0]!.record as { deleted?: { reason: string; by: string; at: string } };
    expect(change.deleted).toMatchObject({ reason: 'Se generó por error', by: 'secretaria' });

    // "Generar acta" again makes a fresh draft instead of reopening the deleted one.
    const again = await ok<DocumentSummary>('documents.createActa', { sessionId: await sessionId() });
    expect(again.id).not.toBe(doc.id);

    await store.close();
    await open();
    expect((await ok<DocumentSummary[]>('documents.list', {})).map((d) => d.id)).toEqual(expect.not.arrayContaining([doc.id]));
    expect(store.get('documents', again.id)).toBeDefined();
    expect((await store.verifyAudit()).ok).toBe(true);
  });

  it('refuses to delete a locked document, and the document stays', async () => {
    const doc = await ok<DocumentSummary>('documents.createActa', { sessionId: await sessionId() });
    await ok('documents.lock', { id: doc.id });
    const reply = await dispatch(handlers, 'drafts.delete', { kind: 'documento', id: doc.id, reason: 'Ya no sirve', confirm: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!reply.ok && reply.error.message).toMatch(/bloqueado; solo se eliminan borradores/);
    expect((await ok<DocumentSummary[]>('documents.list', {})).map((d) => d.id)).toContain(doc.id);
  });

  it('needs a confirmation and a reason, in Spanish', async () => {
    const doc = await ok<DocumentSummary>('documents.createActa', { sessionId: await sessionId() });
    const noConfirm = await dispatch(handlers, 'drafts.delete', { kind: 'documento', id: doc.id, reason: 'Por error' });
    expect(!noConfirm.ok && noConfirm.error.message).toMatch(/Confirme que desea eliminar/);
    const noReason = await dispatch(handlers, 'drafts.delete', { kind: 'documento', id: doc.id, reason: ' ', confirm: true });
    expect(!noReason.ok && noReason.error.message).toMatch(/por qué se elimina/);
    expect(store.get('documents', doc.id)).toBeDefined();
  });

  it('deletes once when the same deletion is sent 100 times at once', async () => {
    const doc = await ok<DocumentSummary>('documents.createActa', { sessionId: await sessionId() });
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => dispatch(handlers, 'drafts.delete', { kind: 'documento', id: doc.id, reason: `Intento ${i}`, confirm: true })),
    );
    expect(codes(replies).filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes(replies).filter((c) => c === 'NOT_FOUND')).toHaveLength(99);
    expect((await store.auditEntries(500)).filter((e) => e.mutation === 'draft.delete')).toHaveLength(1);
  });

  it('deletes a lock sent together with the deletion in one order or the other, never both', async () => {
    const doc = await ok<DocumentSummary>('documents.createActa', { sessionId: await sessionId() });
    const [lock, del] = await Promise.all([
      dispatch(handlers, 'documents.lock', { id: doc.id }),
      dispatch(handlers, 'drafts.delete', { kind: 'documento', id: doc.id, reason: 'Por error', confirm: true }),
    ]);
    expect([lock.ok, del.ok].filter(Boolean)).toHaveLength(1);
    if (lock.ok) expect(store.get('documents', doc.id)?.status).toBe('bloqueado');
    else expect(store.get('documents', doc.id)).toBeUndefined();
  });

  it('deletes an acta in borrador with its body, and a new acta can be drafted; a presented one stays', async () => {
    const sid = await sessionId();
    const m = await ok<Minutes>('minutes.create', { sessionId: sid });
    await ok('drafts.delete', { kind: 'acta', id: m.id, reason: 'Se rehará', confirm: true });
    expect((await ok<{ versions: Minutes[] }>('minutes.get', { sessionId: sid })).versions).toEqual([]);
    expect(await dispatch(handlers, 'drafts.get', { id: m.draftId })).toMatchObject({ ok: false });
    const again = await ok<Minutes>('minutes.create', { sessionId: sid });
    await ok('minutes.present', { id: again.id });
    const refused = await dispatch(handlers, 'drafts.delete', { kind: 'acta', id: again.id, reason: 'Se rehará', confirm: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('deletes a lineamiento in borrador and lists it no more', async () => {
    const commissionId = store.all('commissions').find((c) => c.acronym === 'CMI')!.id;
    const g = await ok<Guideline>('guidelines.create', { commissionId, title: 'Lineamientos de prueba' });
    await ok('drafts.delete', { kind: 'lineamiento', id: g.id, reason: 'Duplicado', confirm: true });
    expect((await ok<{ id: string }[]>('guidelines.list', {})).map((x) => x.id)).not.toContain(g.id);
  });

  it('is refused to a commissioner signed in on the screen', async () => {
    const doc = await ok<DocumentSummary>('documents.createActa', { sessionId: await sessionId() });
    const screen = createHandlers({ store, vault, host: 'web', actor: 'os', requireSignIn: true });
    const reply = await dispatch(screen, 'drafts.delete', { kind: 'documento', id: doc.id, reason: 'Por error', confirm: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(store.get('documents', doc.id)).toBeDefined();
  });
});
