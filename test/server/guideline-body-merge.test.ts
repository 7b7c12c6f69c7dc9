/**
 * A guideline body through the server when one laptop moves an article and the other types inside
 * it, both offline (issue 13). Yjs alone loses the typing (it lands in the deleted original); the
 * app's merge carries it into the moved article. Whichever laptop syncs first, both laptops and
 * the server end with the move and the typing, once.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendRepairs } from '../../src-main/services/guidelines/body-merge.js';
import { elementsOf, readGuideline } from '../../src-main/services/guidelines/body.js';
import { moveArticleInDoc } from '../../src-shared/guidelines/move.js';
import { blockLines, type GBlock } from '../../src-shared/guidelines/structure.js';
import type { PullResponse } from '../../src-shared/sync/protocol.js';
import type { Database } from '../../src-server/db.js';
import { BACKENDS, call, openBackend, PASSWORD, startTestServer, type TestServer } from './harness.js';
import { laptop, type Laptop } from './laptop.js';

const BODY: GBlock[] = [
  { kind: 'capitulo', uid: 'cap1', runs: [{ text: 'Disposiciones generales' }] },
  { kind: 'articulo', uid: 'art1', runs: [{ text: 'Objeto de los lineamientos.' }] },
  { kind: 'articulo', uid: 'art2', runs: [{ text: 'Definiciones.' }] },
  { kind: 'articulo', uid: 'art3', runs: [{ text: 'Del correo institucional.' }] },
  { kind: 'fraccion', runs: [{ text: 'Cuentas personales;' }] },
  { kind: 'articulo', uid: 'art4', runs: [{ text: 'De las contraseñas.' }] },
];

async function docOf(l: Laptop, draftId: string): Promise<Y.Doc> {
  const state = await l.call('drafts.get', { id: draftId });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(state.state, 'base64'));
  return doc;
}

/** Edits the body as the editor would: on the stored document, saved as one small update. */
async function edit(l: Laptop, draftId: string, change: (doc: Y.Doc) => void) {
  const doc = await docOf(l, draftId);
  const before = Y.encodeStateVector(doc);
  change(doc);
  await l.call('drafts.append', { id: draftId, update: Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64') });
}

const linesOf = async (l: Laptop, draftId: string) => blockLines(readGuideline(await docOf(l, draftId)));

/** The body as the server holds it: every body update it stores for the draft, applied in order. */
async function serverLines(server: TestServer, token: string, draftId: string): Promise<string[]> {
  const doc = new Y.Doc();
  for (let cursor = 0, more = true; more; ) {
    const page = (await call(server, 'GET', `/v1/commissions/CMI/changes?since=${cursor}`, token)).json as unknown as PullResponse;
    for (const c of page.changes) if (c.type === 'body' && c.id === draftId) Y.applyUpdate(doc, Buffer.from(c.update, 'base64'));
    cursor = page.cursor;
    more = page.more;
  }
  return blockLines(readGuideline(doc));
}

describe.each(BACKENDS)('guideline body merges through the server on %s', (backend) => {
  let db: Database | undefined;
  let server: TestServer | undefined;
  const laptops: Laptop[] = [];

  afterEach(async () => {
    for (const l of laptops.splice(0)) await l.close();
    await server?.close();
    await db?.close();
  });

  /** A server, laptop A with the guideline synced to B, and A's move of article 3 and B's typing in it, offline. */
  async function offlineEdits() {
    db = await openBackend(backend);
    server = await startTestServer(db);
    const login = await server.user('secretaria', 'CMI', 'secretaria');
    const a = await laptop(true);
    const b = await laptop(false);
    laptops.push(a, b);
    for (const l of [a, b]) await l.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD });
    const cmi = a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const g = await a.call('guidelines.create', { commissionId: cmi.id, title: 'Lineamientos para el uso de las TIC' });
    await edit(a, g.draftId, (doc) => {
      const body = doc.getXmlFragment('default');
      body.delete(0, body.length);
      body.insert(0, elementsOf(BODY));
    });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    expect(await linesOf(b, g.draftId)).toEqual(await linesOf(a, g.draftId));

    // Offline: A moves article 3 above article 2; B adds to article 3's text and to its fracción.
    await edit(a, g.draftId, (doc) => expect(moveArticleInDoc(doc.getXmlFragment('default'), 'art3', -1)).toBe(true));
    await edit(b, g.draftId, (doc) => {
      const nodes = doc.getXmlFragment('default').toArray() as Y.XmlElement[];
      (nodes[3]!.get(0) as Y.XmlText).insert('Del correo institucional'.length, ' y de las listas de distribución');
      (nodes[4]!.get(0) as Y.XmlText).insert('Cuentas personales'.length, ' y de área');
    });
    return { a, b, draftId: g.draftId, token: login.accessToken, server };
  }

  const EXPECTED = [
    'CAPÍTULO I. Disposiciones generales',
    'Artículo 1. Objeto de los lineamientos.',
    'Artículo 2. Del correo institucional y de las listas de distribución.',
    'I. Cuentas personales y de área;',
    'Artículo 3. Definiciones.',
    'Artículo 4. De las contraseñas.',
  ];

  it.each([
    ['the mover syncs first', 'a'],
    ['the editor syncs first', 'b'],
  ])('B types inside article 3 while A moves it up, offline: both laptops and the server keep the move and the typing (%s)', async (_, first) => {
    const { a, b, draftId, token, server: s } = await offlineEdits();
    const order = first === 'a' ? [a, b, a, b] : [b, a, b, a];
    for (const l of order) await l.call('sync.now', {});
    expect(await linesOf(a, draftId)).toEqual(EXPECTED);
    expect(await linesOf(b, draftId)).toEqual(EXPECTED);
    expect(await serverLines(s, token, draftId)).toEqual(EXPECTED);
  });

  it('a crash between the merge and appending its repair loses nothing: the next round appends and sends it', async () => {
    const { a, b, draftId, token, server: s } = await offlineEdits();
    await a.call('sync.now', {});
    // B's pull commits the merge; the process dies before the repair is appended.
    const mutate = b.app.store.mutate.bind(b.app.store);
    const crash = vi.spyOn(b.app.store, 'mutate').mockImplementation(((m: { name: string }, ...rest: unknown[]) => {
      if (m.name === 'guidelines.appendRepair') throw new Error('simulated crash');
      return (mutate as (...x: unknown[]) => unknown)(m, ...rest);
    }) as never);
    await expect(b.call('sync.now', {})).rejects.toThrow();
    crash.mockRestore();
    expect(b.app.store.get('drafts', draftId)?.pendingRepair).toBeTruthy();
    // Appended once, however many try at once.
    const updatesBefore = b.app.store.all('draftUpdates').length;
    const entriesBefore = b.app.store.journalSeq;
    const appended = await Promise.all(Array.from({ length: 100 }, () => appendRepairs(b.app.store, 'secretaria', [draftId])));
    expect(appended.reduce((x, y) => x + y, 0)).toBe(1);
    expect(b.app.store.all('draftUpdates').length).toBe(updatesBefore + 1);
    expect(b.app.store.journalSeq).toBe(entriesBefore + 1);
    await b.call('sync.now', {});
    await a.call('sync.now', {});
    expect(b.app.store.get('drafts', draftId)?.pendingRepair).toBeUndefined();
    expect(await linesOf(a, draftId)).toEqual(EXPECTED);
    expect(await linesOf(b, draftId)).toEqual(EXPECTED);
    expect(await serverLines(s, token, draftId)).toEqual(EXPECTED);
  });
});
