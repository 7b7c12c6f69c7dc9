/**
 * Draft bodies through the server: two people edit the same acta text offline (real Yjs
 * documents), both push their updates, and each one's copy ends up with both edits. The server
 * treats the updates as opaque bytes and only appends them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '../../src-server/db.js';
import type { LoginResponse, PullResponse } from '../../src-shared/sync/protocol.js';
import { call, hlc, openBackend, startTestServer, type TestServer } from './harness.js';

describe('Yjs draft bodies', () => {
  let db: Database;
  let server: TestServer;
  let sofia: LoginResponse;
  let araceli: LoginResponse;

  beforeAll(async () => {
    db = await openBackend('postgres');
    server = await startTestServer(db);
    sofia = await server.user('sofia', 'CMI', 'secretaria');
    araceli = await server.user('araceli', 'CMI', 'presidencia');
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  const pushBody = (token: string, clientId: string, mutationId: number, update: Uint8Array) =>
    call(server, 'POST', '/v1/commissions/CMI/push', token, {
      clientId,
      mutations: [{ mutationId, type: 'body', collection: 'minutes', id: 'acta-3', hlc: hlc(mutationId), update: Buffer.from(update).toString('base64') }],
    });

  async function pulledDoc(token: string): Promise<Y.Doc> {
    const page = (await call(server, 'GET', '/v1/commissions/CMI/changes?since=0', token)).json as unknown as PullResponse;
    const doc = new Y.Doc();
    for (const c of page.changes) if (c.type === 'body' && c.id === 'acta-3') Y.applyUpdate(doc, Buffer.from(c.update, 'base64'));
    return doc;
  }

  it('keeps both people\u2019s offline edits of the same text', async () => {
    // Both start from the same synced draft.
    const base = new Y.Doc();
    base.getText('cuerpo').insert(0, 'En la ciudad de Morelia, Michoacán, se reunieron los integrantes.');
    const first = Y.encodeStateAsUpdate(base);
    expect((await pushBody(sofia.accessToken, 'laptop-sofia', 1, first)).status).toBe(200);

    const onSofia = await pulledDoc(sofia.accessToken);
    const onAraceli = await pulledDoc(araceli.accessToken);
    const sv1 = Y.encodeStateVector(onSofia);
    const sv2 = Y.encodeStateVector(onAraceli);
    // Offline, each edits the same sentence.
    onSofia.getText('cuerpo').insert(0, 'SEGUNDA SESIÓN EXTRAORDINARIA. ');
    onAraceli.getText('cuerpo').insert(onAraceli.getText('cuerpo').length, ' Se declaró el quórum legal.');
    expect((await pushBody(sofia.accessToken, 'laptop-sofia', 2, Y.encodeStateAsUpdate(onSofia, sv1))).status).toBe(200);
    expect((await pushBody(araceli.accessToken, 'laptop-araceli', 1, Y.encodeStateAsUpdate(onAraceli, sv2))).status).toBe(200);

    const expected = 'SEGUNDA SESIÓN EXTRAORDINARIA. En la ciudad de Morelia, Michoacán, se reunieron los integrantes. Se declaró el quórum legal.';
    expect((await pulledDoc(sofia.accessToken)).getText('cuerpo').toString()).toBe(expected);
    expect((await pulledDoc(araceli.accessToken)).getText('cuerpo').toString()).toBe(expected);
  });
});
