/**
 * A guideline's review across laptops (issues 13 and 14, "merges that lose nothing"): two
 * secretaries' laptops comment, reply, resolve, send rounds and name versions offline on the same
 * guideline while an office's reviewer comments and answers; whatever order they sync in, every
 * comment, reply, resolution, round, answer and version is on every laptop and on the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HybridClock } from '../../src-shared/clock.js';
import type { Guideline } from '../../src-shared/domain/index.js';
import { addUser } from '../../src-server/accounts.js';
import { BACKENDS, call, hlc } from './harness.js';
import { laptop, twoLaptops, type Laptop, type Office } from './laptop.js';

const OFFICE = 'Oficina de la Consejera Ana';
const OTHER = 'Oficina del Consejero Luis';

/** What a reader of the guideline notices: comments with their replies and resolution, rounds with their answers, versions. */
function shape(g: Guideline) {
  return {
    comments: g.comments.map((c) => ({ text: c.text, resolved: Boolean(c.resolved), office: c.office ?? null, replies: c.replies.map((r) => r.text).sort() })).sort((a, b) => a.text.localeCompare(b.text)),
    rounds: g.rounds.map((r) => ({ name: r.name, offices: r.offices.map((o) => [o.name, o.answeredBy ?? null]) })).sort((a, b) => a.name.localeCompare(b.name)),
    versions: g.versions.map((v) => v.name).sort(),
  };
}

describe.each(BACKENDS)('a guideline reviewed on three laptops at once, on %s', (backend) => {
  let o: Office;
  let reviewer: Laptop;
  let commissionId: string;

  beforeAll(async () => {
    o = await twoLaptops(backend);
    await addUser(o.db, { username: 'oficina-ana', password: 'clave-de-oficina', commission: 'CMI', role: 'revisor', office: OFFICE });
    reviewer = await laptop(false);
    await reviewer.call('sync.signIn', { server: o.server.url, username: 'oficina-ana', password: 'clave-de-oficina' });
    await reviewer.call('sync.now', {}); // the server's accounts, for signing in here
    await reviewer.call('auth.signIn', { username: 'oficina-ana', password: 'clave-de-oficina' });
    commissionId = o.a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!.id;
  }, 180_000);
  afterAll(async () => {
    await reviewer?.close();
    await o?.close();
  });

  const syncAll = async (order: Laptop[]) => {
    for (const l of order) expect((await l.call('sync.now', {})).rejected, 'nothing refused').toEqual([]);
  };

  it.each([
    ['A, B, the office', ['a', 'b', 'r']],
    ['the office, B, A', ['r', 'b', 'a']],
    ['B, the office, A', ['b', 'r', 'a']],
  ])('synced in the order %s, nothing is lost', async (_name, order) => {
    const { a, b } = o;
    const by = { a, b, r: reviewer } as Record<string, Laptop>;
    const g = await a.call('guidelines.create', { commissionId, title: `Lineamientos revisados (${order.join('')})` });
    for (const text of ['Base uno', 'Base dos', 'Base tres']) await a.call('guidelines.comment', { id: g.id, text });
    const sent = await a.call('guidelines.sendRound', { id: g.id, name: 'Primera ronda', due: '2026-12-15', offices: [OFFICE, OTHER] });
    await syncAll([a, b, reviewer]);
    const base = Object.fromEntries((await b.call('guidelines.get', { id: g.id })).guideline.comments.map((c) => [c.text, c.id]));
    const roundId = sent.rounds[0]!.id;
    expect((await reviewer.call('review.rounds', {})).some((r) => r.roundId === roundId)).toBe(true);

    // Offline, each on its own laptop.
    await a.call('guidelines.comment', { id: g.id, text: 'Comentario de A' });
    await a.call('guidelines.reply', { id: g.id, commentId: base['Base dos']!, text: 'Respuesta de A' });
    await a.call('guidelines.resolve', { id: g.id, commentId: base['Base uno']! });
    await a.call('guidelines.resolve', { id: g.id, commentId: base['Base tres']! });
    await a.call('guidelines.sendRound', { id: g.id, name: 'Ronda de A', due: '2026-12-20', offices: [OTHER] });
    await a.call('guidelines.saveVersion', { id: g.id, name: 'Versión de A' });
    await b.call('guidelines.comment', { id: g.id, text: 'Comentario de B' });
    await b.call('guidelines.reply', { id: g.id, commentId: base['Base uno']!, text: 'Respuesta de B' });
    await b.call('guidelines.resolve', { id: g.id, commentId: base['Base dos']! });
    await b.call('guidelines.resolve', { id: g.id, commentId: base['Base tres']! }); // the same comment resolved on both
    await b.call('guidelines.sendRound', { id: g.id, name: 'Ronda de B', due: '2026-12-21', offices: [OTHER] });
    await b.call('guidelines.saveVersion', { id: g.id, name: 'Versión de B' });
    await reviewer.call('review.comment', { id: g.id, roundId, text: 'Comentario de la oficina' });
    await reviewer.call('review.answer', { id: g.id, roundId });

    await syncAll(order.map((k) => by[k]!));
    await syncAll([a, b]);

    const expected = {
      comments: [
        { text: 'Base dos', resolved: true, office: null, replies: ['Respuesta de A'] },
        { text: 'Base tres', resolved: true, office: null, replies: [] },
        { text: 'Base uno', resolved: true, office: null, replies: ['Respuesta de B'] },
        { text: 'Comentario de A', resolved: false, office: null, replies: [] },
        { text: 'Comentario de B', resolved: false, office: null, replies: [] },
        { text: 'Comentario de la oficina', resolved: false, office: OFFICE, replies: [] },
      ],
      rounds: [
        { name: 'Primera ronda', offices: [[OFFICE, 'oficina-ana'], [OTHER, null]] },
        { name: 'Ronda de A', offices: [[OTHER, null]] },
        { name: 'Ronda de B', offices: [[OTHER, null]] },
      ],
      versions: ['Versión de A', 'Versión de B'],
    };
    for (const l of [a, b]) expect(shape((await l.call('guidelines.get', { id: g.id })).guideline)).toEqual(expected);
    for (const l of [a, b]) expect((await l.call('guidelines.list', {})).find((x) => x.id === g.id)!.openComments).toBe(3);
    // The same comment resolved twice keeps one resolution.
    const twice = (await a.call('guidelines.get', { id: g.id })).guideline.comments.find((c) => c.text === 'Base tres')!;
    expect(twice.resolved).toEqual((await b.call('guidelines.get', { id: g.id })).guideline.comments.find((c) => c.text === 'Base tres')!.resolved);

    // The server holds the same records.
    const held = await o.db.query<{ collection: string; text: string | null; resolved: boolean }>(
      `SELECT collection, fields->>'text' AS text, fields ? 'resolved' AND fields->'resolved' <> 'null'::jsonb AS resolved FROM records
        WHERE fields->>'guidelineId' = $1 AND collection IN ('guidelineComments', 'guidelineRounds', 'guidelineAnswers', 'guidelineVersions')`,
      [g.id],
    );
    const count = (c: string) => held.rows.filter((r) => r.collection === c).length;
    expect([count('guidelineComments'), count('guidelineRounds'), count('guidelineAnswers'), count('guidelineVersions')]).toEqual([8, 3, 1, 2]);
    expect(held.rows.filter((r) => r.resolved).map((r) => r.text).sort()).toEqual(['Base dos', 'Base tres', 'Base uno']);

    // The office sees its own comment and answer, and nothing of the others'.
    await syncAll([reviewer]);
    const view = await reviewer.call('review.get', { id: g.id, roundId });
    expect(view.comments.map((c) => c.text)).toEqual(['Comentario de la oficina']);
    expect(view.round.answeredBy).toBe('oficina-ana');
    expect((await reviewer.call('review.rounds', {})).filter((r) => r.guidelineId === g.id).map((r) => r.roundName)).toEqual(['Primera ronda']);
  }, 120_000);

  it('a stale laptop whose clock runs ahead does not take away an office\u2019s comment or answer', async () => {
    const { a, b } = o;
    const g = await a.call('guidelines.create', { commissionId, title: 'Lineamiento con un equipo adelantado' });
    await a.call('guidelines.comment', { id: g.id, text: 'Nota de A' });
    const sent = await a.call('guidelines.sendRound', { id: g.id, name: 'Ronda', due: '2026-12-15', offices: [OFFICE] });
    await syncAll([a, b, reviewer]);
    // B goes offline with a clock a day ahead; meanwhile the office comments and answers, and A replies.
    (b.app.store as unknown as { clock: HybridClock }).clock.receive(hlc(Date.now() + 86_400_000, 'adelantado'));
    const roundId = sent.rounds[0]!.id;
    await reviewer.call('review.comment', { id: g.id, roundId, text: 'Comentario de la oficina' });
    await reviewer.call('review.answer', { id: g.id, roundId });
    await syncAll([reviewer, a]);
    const officeComment = (await a.call('guidelines.get', { id: g.id })).guideline.comments.find((c) => c.office === OFFICE)!;
    await a.call('guidelines.reply', { id: g.id, commentId: officeComment.id, text: 'Gracias, lo revisamos.' });
    await syncAll([a]);
    // B's stale copy: it resolves its note, renames the guideline and comments, all with later clocks.
    const note = (await b.call('guidelines.get', { id: g.id })).guideline.comments[0]!;
    await b.call('guidelines.resolve', { id: g.id, commentId: note.id });
    await b.call('guidelines.comment', { id: g.id, text: 'Nota tardía de B' });
    await syncAll([b, a, b, reviewer]);
    for (const l of [a, b]) {
      const seen = (await l.call('guidelines.get', { id: g.id })).guideline;
      expect(seen.comments.map((c) => [c.text, Boolean(c.resolved), c.replies.map((r) => r.text)])).toEqual([
        ['Nota de A', true, []],
        ['Comentario de la oficina', false, ['Gracias, lo revisamos.']],
        ['Nota tardía de B', false, []],
      ]);
      expect(seen.rounds[0]!.offices[0]).toMatchObject({ name: OFFICE, answeredBy: 'oficina-ana' });
    }
    // The office reads the secretary's reply to its comment.
    expect((await reviewer.call('review.get', { id: g.id, roundId })).comments[0]!.replies.map((r) => r.text)).toEqual(['Gracias, lo revisamos.']);
  }, 120_000);

  it('a guideline from a laptop not yet upgraded, with its comments and answers in arrays, loses none of them here', async () => {
    const { a, b } = o;
    const g = await a.call('guidelines.create', { commissionId, title: 'Lineamiento de un equipo sin actualizar' });
    await a.call('guidelines.comment', { id: g.id, text: 'Comentario nuevo de A' });
    await syncAll([a, b]);
    // The old laptop writes the arrays, with a later clock, as versions before this one did.
    const old = await o.server.login('secretaria');
    const cid = 'ABCDEFGHJKMNPQRSTVWXYZ0123';
    const rid = 'ABCDEFGHJKMNPQRSTVWXYZ0124';
    const pushed = await call(o.server, 'POST', '/v1/commissions/CMI/push', old.accessToken, {
      clientId: 'laptop-sin-actualizar',
      mutations: [{
        mutationId: 1, type: 'put', collection: 'guidelines', id: g.id, hlc: hlc(Date.now() + 60_000, 'viejo'),
        fields: {
          comments: [{ id: cid, by: 'secretaria', at: '2026-12-01T10:00:00.000Z', text: 'Comentario del equipo viejo', replies: [{ id: 'ABCDEFGHJKMNPQRSTVWXYZ0125', by: 'secretaria', at: '2026-12-01T10:01:00.000Z', text: 'Respuesta vieja' }] }],
          rounds: [{ id: rid, name: 'Ronda vieja', due: '2026-12-15', sentAt: '2026-12-01T10:00:00.000Z', offices: [{ name: OTHER, answeredAt: '2026-12-01T11:00:00.000Z', answeredBy: 'luis' }] }],
        },
      }],
    });
    expect(pushed.status).toBe(200);
    await syncAll([a, b]);
    for (const l of [a, b]) {
      const seen = (await l.call('guidelines.get', { id: g.id })).guideline;
      expect(seen.comments.map((c) => [c.text, c.replies.map((r) => r.text)])).toEqual([
        ['Comentario del equipo viejo', ['Respuesta vieja']],
        ['Comentario nuevo de A', []],
      ]);
      expect(seen.rounds.map((r) => [r.name, r.offices[0]!.answeredBy])).toEqual([['Ronda vieja', 'luis']]);
      expect((await l.call('guidelines.list', {})).find((x) => x.id === g.id)!.openComments).toBe(2);
    }
    // Resolved and answered here: it becomes a record, which the old array cannot overwrite.
    await b.call('guidelines.resolve', { id: g.id, commentId: cid });
    await b.call('guidelines.reply', { id: g.id, commentId: cid, text: 'Respuesta nueva' });
    await syncAll([b, a]);
    const seen = (await a.call('guidelines.get', { id: g.id })).guideline.comments.find((c) => c.id === cid)!;
    expect(Boolean(seen.resolved)).toBe(true);
    expect(seen.replies.map((r) => r.text)).toEqual(['Respuesta vieja', 'Respuesta nueva']);
  }, 120_000);
});
