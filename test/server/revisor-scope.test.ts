/**
 * A revisor's pushes at the wire (issue 13 on the server): only its office's comments and answer
 * of a guideline that holds a round for its office get through, merged into what the server
 * holds; anything else is refused whole and stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src-server/accounts.js';
import type { Database } from '../../src-server/db.js';
import type { Mutation } from '../../src-shared/sync/protocol.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Unnumbered = DistributiveOmit<Mutation, 'mutationId'>;
import { BACKENDS, call, hlc, openBackend, PASSWORD, put, startTestServer, type TestServer } from './harness.js';

const OFFICE = 'Oficina de la Consejera Ana';
const G = 'guideline1';

describe.each(BACKENDS)('a revisor\u2019s pushes on %s', (backend) => {
  let db: Database;
  let server: TestServer;
  let secretary: string;
  let revisor: string;
  let t = Date.now();

  const guideline = () => db.query<{ fields: { comments: { id: string; text: string; office?: string }[]; rounds: { offices: { name: string; answeredAt?: string }[] }[]; title: string } }>(
    "SELECT fields FROM records WHERE collection = 'guidelines' AND id = $1",
    [G],
  ).then((r) => r.rows[0]!.fields);
  let n = 100;
  const push = (token: string, clientId: string, mutations: Unnumbered[]) =>
    call(server, 'POST', '/v1/commissions/CMI/push', token, { clientId, mutations: mutations.map((m) => ({ ...m, mutationId: ++n })) });

  beforeAll(async () => {
    db = await openBackend(backend);
    server = await startTestServer(db);
    secretary = (await server.user('sofia', 'CMI', 'secretaria')).accessToken;
    await addUser(db, { username: 'oficina-ana', password: PASSWORD, commission: 'CMI', role: 'revisor', office: OFFICE });
    revisor = (await server.login('oficina-ana')).accessToken;
    const created = await push(secretary, 'laptop-secretaria', [
      put(0, G, {
        title: 'Lineamientos de contraseñas',
        draftId: 'draft1',
        comments: [{ id: 'c1', text: 'Nota de la secretaría', by: 'sofia', at: 'x', replies: [] }, { id: 'c2', text: 'De otra oficina', office: 'Oficina del Consejero Luis', roundId: 'r1', by: 'luis', at: 'x', replies: [] }],
        rounds: [{ id: 'r1', name: 'Ronda', due: '2026-12-15', sentAt: 'x', offices: [{ name: OFFICE }, { name: 'Oficina del Consejero Luis' }] }],
        versions: [{ id: 'v1', name: 'Proyecto', by: 'sofia', at: 'x', blob: 'ab'.repeat(32) }],
      }, hlc(++t), 'guidelines'),
      put(0, 'other', { title: 'Sin ronda', comments: [], rounds: [] }, hlc(++t), 'guidelines'),
    ]);
    expect(created.status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('refuses any record, field or kind of change but its office\u2019s comments and answer, storing nothing', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM changes')).rows[0]!.n;
    const cases: [string, Unnumbered][] = [
      ['a session', put(0, 's1', { place: 'Sala' }, hlc(++t), 'sessions')],
      ['the title', put(0, G, { title: 'Otro título' }, hlc(++t), 'guidelines')],
      ['a guideline without its round', put(0, 'other', { comments: [{ id: 'x', text: 'hola', office: OFFICE, roundId: 'r1' }] }, hlc(++t), 'guidelines')],
      ['a comment in a round not sent to it', put(0, G, { comments: [{ id: 'x', text: 'hola', office: OFFICE, roundId: 'r9' }] }, hlc(++t), 'guidelines')],
      ['the text', { type: 'body', collection: 'drafts', id: 'draft1', hlc: hlc(++t), update: 'AAAA' }],
      ['a lock', { type: 'lock', collection: 'guidelines', id: G, hlc: hlc(++t), state: 'locked' }],
      ['a deletion', { type: 'delete', collection: 'guidelines', id: G, hlc: hlc(++t) }],
    ];
    for (const [what, m] of cases) {
      const res = await push(revisor, 'laptop-oficina', [m]);
      expect(res.status, what).toBe(403);
      expect(res.json.error!.message, what).toMatch(/revisión|oficina|papel \(revisor\)/);
    }
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM changes')).rows[0]!.n).toBe(before);
    expect((await guideline()).title).toBe('Lineamientos de contraseñas');
  });

  it('keeps others\u2019 comments and answers whatever the laptop sends, and an answer once given stays', async () => {
    // A stale or tampered array: others' comments dropped or rewritten, another office answered.
    const res = await push(revisor, 'laptop-oficina', [
      put(0, G, {
        comments: [
          { id: 'c1', text: 'Borrado', by: 'x', at: 'x', replies: [] },
          { id: 'c3', text: 'Comentario de la oficina', office: OFFICE, roundId: 'r1', by: 'oficina-ana', at: 'x', replies: [] },
        ],
        rounds: [{ id: 'r1', offices: [{ name: OFFICE, answeredAt: '2026-12-01T10:00:00Z', answeredBy: 'oficina-ana' }, { name: 'Oficina del Consejero Luis', answeredAt: '2026-12-01T10:00:00Z' }] }],
      }, '0000000000001-0000-old', 'guidelines'),
    ]);
    expect(res.status).toBe(200);
    const held = await guideline();
    expect(held.comments.map((c) => [c.id, c.text])).toEqual([
      ['c1', 'Nota de la secretaría'],
      ['c2', 'De otra oficina'],
      ['c3', 'Comentario de la oficina'],
    ]);
    expect(held.rounds[0]!.offices.map((o) => [o.name, o.answeredAt ?? null])).toEqual([
      [OFFICE, '2026-12-01T10:00:00Z'],
      ['Oficina del Consejero Luis', null],
    ]);
    // Its old clock did not make it lose to what the server held; a second answer changes nothing.
    await push(revisor, 'laptop-oficina', [put(0, G, { rounds: [{ id: 'r1', offices: [{ name: OFFICE, answeredAt: '2027-01-01T00:00:00Z' }] }] }, hlc(++t), 'guidelines')]);
    expect((await guideline()).rounds[0]!.offices[0]!.answeredAt).toBe('2026-12-01T10:00:00Z');
  });

  it('shows the revisor only its office\u2019s comments and round entries', async () => {
    const pulled = await call(server, 'GET', '/v1/commissions/CMI/changes?since=0', revisor);
    const puts = (pulled.json.changes as Mutation[]).filter((c) => c.type === 'put' && c.collection === 'guidelines');
    expect(puts.every((c) => c.id === G)).toBe(true);
    const text = JSON.stringify(puts);
    expect(text).not.toContain('De otra oficina');
    expect(text).not.toContain('Nota de la secretaría');
    expect(text).not.toContain('Oficina del Consejero Luis');
    expect(text).toContain('Comentario de la oficina');
    // No file it could not download: a laptop fetches every file its records name.
    expect(text).not.toContain('ab'.repeat(32));
  });
});
