/**
 * A revisor's pushes and pulls at the wire (issue 13 on the server): only its office's comment,
 * reply and answer records in a round sent to its office get through; anything else (another
 * office's record, a resolution, a guideline's field, a round) is refused whole and stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src-server/accounts.js';
import type { Database } from '../../src-server/db.js';
import type { Mutation } from '../../src-shared/sync/protocol.js';
import { BACKENDS, call, hlc, openBackend, PASSWORD, put, startTestServer, type TestServer } from './harness.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Unnumbered = DistributiveOmit<Mutation, 'mutationId'>;

const OFFICE = 'Oficina de la Consejera Ana';
const LUIS = 'Oficina del Consejero Luis';
const G = 'guideline1';
const OLD = 'guidelineOld';

describe.each(BACKENDS)('a revisor\u2019s pushes on %s', (backend) => {
  let db: Database;
  let server: TestServer;
  let secretary: string;
  let revisor: string;
  let t = Date.now();

  const record = (collection: string, id: string) =>
    db.query<{ fields: Record<string, unknown> }>('SELECT fields FROM records WHERE collection = $1 AND id = $2', [collection, id]).then((r) => r.rows[0]?.fields);
  const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM changes')).rows[0]!.n;
  let n = 100;
  const push = (token: string, clientId: string, mutations: Unnumbered[]) =>
    call(server, 'POST', '/v1/commissions/CMI/push', token, { clientId, mutations: mutations.map((m) => ({ ...m, mutationId: ++n })) });
  const comment = (id: string, fields: Record<string, unknown>) => put(0, id, { guidelineId: G, roundId: 'r1', office: OFFICE, by: 'oficina-ana', at: 'x', text: 'hola', ...fields }, hlc(++t), 'guidelineComments');

  beforeAll(async () => {
    db = await openBackend(backend);
    server = await startTestServer(db);
    secretary = (await server.user('sofia', 'CMI', 'secretaria')).accessToken;
    await addUser(db, { username: 'oficina-ana', password: PASSWORD, commission: 'CMI', role: 'revisor', office: OFFICE });
    revisor = (await server.login('oficina-ana')).accessToken;
    const created = await push(secretary, 'laptop-secretaria', [
      put(0, G, { title: 'Lineamientos de contraseñas', draftId: 'draft1' }, hlc(++t), 'guidelines'),
      put(0, 'other', { title: 'Sin ronda', draftId: 'draft2' }, hlc(++t), 'guidelines'),
      put(0, 'r1', { guidelineId: G, name: 'Ronda', due: '2026-12-15', sentAt: 'x', by: 'sofia', offices: [OFFICE, LUIS] }, hlc(++t), 'guidelineRounds'),
      put(0, 'r2', { guidelineId: G, name: 'Solo Luis', due: '2026-12-15', sentAt: 'x', by: 'sofia', offices: [LUIS] }, hlc(++t), 'guidelineRounds'),
      put(0, 'c1', { guidelineId: G, by: 'sofia', at: 'x', text: 'Nota de la secretaría' }, hlc(++t), 'guidelineComments'),
      put(0, 'c2', { guidelineId: G, roundId: 'r1', office: LUIS, by: 'luis', at: 'x', text: 'De otra oficina' }, hlc(++t), 'guidelineComments'),
      put(0, 'v1', { guidelineId: G, name: 'Proyecto', by: 'sofia', at: 'x', blob: 'ab'.repeat(32) }, hlc(++t), 'guidelineVersions'),
      // A guideline written by a laptop from before: its round lives in the record's array.
      put(0, OLD, { title: 'Lineamiento de antes', draftId: 'draft3', rounds: [{ id: 'r9', name: 'Ronda vieja', due: '2026-12-15', sentAt: 'x', offices: [{ name: OFFICE }, { name: LUIS }] }] }, hlc(++t), 'guidelines'),
    ]);
    expect(created.status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('refuses any record, field or kind of change but its office\u2019s comments and answers, storing nothing', async () => {
    const before = await count();
    const cases: [string, Unnumbered, RegExp][] = [
      ['a session', put(0, 's1', { place: 'Sala' }, hlc(++t), 'sessions'), /revisión/],
      ['the title', put(0, G, { title: 'Otro título' }, hlc(++t), 'guidelines'), /revisión/],
      ['a round', put(0, 'r3', { guidelineId: G, name: 'Mía', due: '2026-12-15', sentAt: 'x', by: 'x', offices: [OFFICE] }, hlc(++t), 'guidelineRounds'), /revisión/],
      ['a comment in a round not sent to it', comment('x1', { roundId: 'r2' }), /no fue enviada a su oficina/],
      ['a comment on another guideline than its round\u2019s', comment('x2', { guidelineId: 'other' }), /no fue enviada a su oficina/],
      ['a comment in another office\u2019s name', comment('x3', { office: LUIS }), /otra oficina/],
      ['another office\u2019s comment rewritten', comment('c2', { text: 'Reescrito' }), /otra oficina/],
      ['the secretary\u2019s comment taken over', comment('c1', { text: 'Reescrito' }), /otra oficina/],
      ['another office\u2019s comment resolved', put(0, 'c2', { resolved: { by: 'x', at: 'x' } }, hlc(++t), 'guidelineComments'), /otra oficina/],
      ['its own comment resolved', comment('x4', { resolved: { by: 'x', at: 'x' } }), /secretaría técnica/],
      ['a suggestion accepted', comment('x5', { quote: 'a', replacement: 'b', suggestion: 'aceptada' }), /secretaría técnica/],
      ['a reply under another office\u2019s comment', comment('x6', { parentId: 'c2' }), /otra oficina/],
      ['a reply under the secretary\u2019s comment', comment('x7', { parentId: 'c1' }), /otra oficina/],
      ['another office\u2019s answer', put(0, 'a1', { guidelineId: G, roundId: 'r1', office: LUIS, answeredAt: 'x', answeredBy: 'x' }, hlc(++t), 'guidelineAnswers'), /otra oficina/],
      ['the text', { type: 'body', collection: 'drafts', id: 'draft1', hlc: hlc(++t), update: 'AAAA' }, /papel \(revisor\)/],
      ['a lock', { type: 'lock', collection: 'guidelines', id: G, hlc: hlc(++t), state: 'locked' }, /papel \(revisor\)/],
      ['a deletion', { type: 'delete', collection: 'guidelineComments', id: 'c2', hlc: hlc(++t) }, /papel \(revisor\)/],
    ];
    for (const [what, m, message] of cases) {
      // Each behind an allowed one: the whole push is refused.
      const res = await push(revisor, 'laptop-oficina', [comment(`ok${n}`, { text: 'Permitido' }), m]);
      expect(res.status, what).toBe(403);
      expect(res.json.error!.message, what).toMatch(message);
    }
    expect(await count()).toBe(before);
    expect((await record('guidelines', G))!.title).toBe('Lineamientos de contraseñas');
    expect((await record('guidelineComments', 'c2'))!.text).toBe('De otra oficina');
    expect((await record('guidelineComments', 'c2'))!.resolved).toBeUndefined();
  });

  it('stores its office\u2019s comments, replies and answer, in round records and in a round of a guideline from before, and leaves the rest as it was', async () => {
    const res = await push(revisor, 'laptop-oficina', [
      comment('c3', { text: 'Comentario de la oficina' }),
      comment('c4', { parentId: 'c3', text: 'Respuesta de la oficina' }),
      put(0, 'a2', { guidelineId: G, roundId: 'r1', office: OFFICE, answeredAt: '2026-12-01T10:00:00Z', answeredBy: 'oficina-ana' }, hlc(++t), 'guidelineAnswers'),
      comment('c5', { guidelineId: OLD, roundId: 'r9', text: 'En la ronda vieja' }),
      // Later, its own comment edited: its record, its office.
      comment('c3', { text: 'Comentario de la oficina, corregido' }),
    ]);
    expect(res.status).toBe(200);
    expect((await record('guidelineComments', 'c3'))!.text).toBe('Comentario de la oficina, corregido');
    expect((await record('guidelineComments', 'c4'))!.parentId).toBe('c3');
    expect((await record('guidelineComments', 'c5'))!.guidelineId).toBe(OLD);
    expect((await record('guidelineAnswers', 'a2'))!.answeredBy).toBe('oficina-ana');
    expect((await record('guidelineComments', 'c1'))!.text).toBe('Nota de la secretaría');
    expect((await record('guidelineComments', 'c2'))!.text).toBe('De otra oficina');
  });

  it('shows the revisor only its office\u2019s comments and round entries', async () => {
    const pulled = await call(server, 'GET', '/v1/commissions/CMI/changes?since=0', revisor);
    const changes = pulled.json.changes as (Mutation & { fields?: Record<string, unknown> })[];
    const ids = (collection: string) => [...new Set(changes.filter((c) => c.collection === collection).map((c) => c.id))].sort();
    expect(ids('guidelines')).toEqual([OLD, G].sort());
    expect(ids('guidelineRounds')).toEqual(['r1']);
    expect(ids('guidelineComments')).toEqual(['c3', 'c4', 'c5']);
    expect(ids('guidelineAnswers')).toEqual(['a2']);
    expect(ids('guidelineVersions')).toEqual([]);
    const text = JSON.stringify(changes);
    expect(text).not.toContain('De otra oficina');
    expect(text).not.toContain('Nota de la secretaría');
    expect(text).not.toContain(LUIS);
    expect(text).toContain('Comentario de la oficina');
    // No file it could not download: a laptop fetches every file its records name.
    expect(text).not.toContain('ab'.repeat(32));
  });
});
