// A guideline's review as records: the one-time conversion of the arrays older folders kept,
// and hostile input (unknown guideline, reply to an unknown comment, oversize text) refused
// with a Spanish message and nothing stored, whether it comes from a call or through sync.
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type OpenedApp } from '../../src-main/services/app/open-app.js';
import { reviewRecords } from '../../src-main/services/guidelines/review-records.js';
import { Replica, remoteMutation } from '../../src-main/services/store/replication.js';
import { defineMutation, Store } from '../../src-main/services/store/store.js';
import { runUpgrades } from '../../src-main/services/store/upgrades.js';
import type { Guideline, GuidelineRecord } from '../../src-shared/domain/index.js';
import type { Change } from '../../src-shared/sync/protocol.js';
import { newId } from '../../src-shared/ids.js';
import { tempDir } from '../support/temp.js';
import { forgetUpgrades } from '../support/upgrades.js';
import { dispatch } from '../../src-main/services/api.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let app: OpenedApp | undefined;
beforeEach(async () => {
  dir = await tempDir('sesiona-review-records-');
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await dir.cleanup();
});

const ids = { c1: newId(), c2: newId(), r1: newId(), r2: newId(), round: newId(), v1: newId() };
const AT = '2026-11-30T10:00:00.000Z';

/** What versions before this one stored: the review inside the guideline record. */
const storeOldShape = defineMutation({
  name: 'test.oldReview',
  args: z.object({ id: z.string(), blob: z.string() }),
  apply(ctx, { id, blob }) {
    const g = ctx.get('guidelines', id)!;
    const record: GuidelineRecord = {
      ...g,
      comments: [
        { id: ids.c1, by: 'secretaria', at: AT, text: 'Precisar el alcance', replies: [{ id: ids.r1, by: 'juan', at: AT, text: 'De acuerdo' }], resolved: { by: 'secretaria', at: AT } },
        { id: ids.c2, by: 'carol', at: AT, text: 'Falta un artículo', roundId: ids.round, office: 'Oficina de Carol', replies: [{ id: ids.r2, by: 'secretaria', at: AT, text: 'Se agrega' }], quote: 'uso', replacement: 'empleo', suggestion: 'pendiente' },
      ],
      rounds: [{ id: ids.round, name: 'Primera ronda', due: '2026-12-15', sentAt: AT, offices: [{ name: 'Oficina de Carol', answeredAt: AT, answeredBy: 'carol' }, { name: 'Oficina de Juan' }] }],
      versions: [{ id: ids.v1, name: 'Proyecto', by: 'secretaria', at: AT, blob }],
    };
    return { puts: [{ collection: 'guidelines', record }], result: () => null };
  },
});

const view = (g: Guideline) => ({ comments: g.comments, rounds: g.rounds, versions: g.versions });

async function call(a: OpenedApp, name: string, args: unknown) {
  return dispatch(a.handlers, name as never, args as never);
}

describe('a guideline from before, with its review in arrays', () => {
  it('reads the same before and after the one-time conversion, which runs once for 20 callers and leaves the guideline record as it was', async () => {
    const data = dir.path;
    app = await openApp({ dataDir: data, host: 'cli', actor: 'secretaria' });
    const cmi = app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const created = await call(app, 'guidelines.create', { commissionId: cmi.id, title: 'Lineamientos de antes' });
    const id = (created as { value: Guideline }).value.id;
    const blob = await app.store.blobs.put(Buffer.from('estado'));
    await app.store.mutate(storeOldShape, { id, blob }, 'sistema');
    await app.store.mutate(forgetUpgrades, {}, 'sistema');
    // Read in place before any conversion: nothing is missing, and the list counts the open comment.
    const before = ((await call(app, 'guidelines.get', { id })) as { value: { guideline: Guideline } }).value.guideline;
    expect(before.comments.map((c) => [c.text, Boolean(c.resolved), c.replies.map((r) => r.text)])).toEqual([
      ['Precisar el alcance', true, ['De acuerdo']],
      ['Falta un artículo', false, ['Se agrega']],
    ]);
    expect(before.rounds[0]!.offices).toEqual([{ name: 'Oficina de Carol', answeredAt: AT, answeredBy: 'carol' }, { name: 'Oficina de Juan' }]);
    expect(before.versions.map((v) => v.name)).toEqual(['Proyecto']);
    const listed = ((await call(app, 'guidelines.list', {})) as { value: { id: string; openComments: number }[] }).value;
    expect(listed.find((x) => x.id === id)!.openComments).toBe(1);
    const stored = structuredClone(app.store.get('guidelines', id));
    await app.close();
    app = undefined;

    const store = await Store.open(data);
    try {
      const runs = await Promise.all(Array.from({ length: 20 }, () => runUpgrades(store, [reviewRecords], 'sistema')));
      // Two comments, two replies, one answer, one version: converted once, by one of the callers.
      expect(runs.map((r) => r['guidelines.reviewRecords']).filter((n) => n !== undefined)).toEqual([6]);
      expect(store.all('guidelineComments').map((c) => [c.text, c.parentId ?? null, c.office ?? null]).sort()).toEqual([
        ['De acuerdo', ids.c1, null],
        ['Falta un artículo', null, 'Oficina de Carol'],
        ['Precisar el alcance', null, null],
        // The reply goes with its comment's office, so the office's reviewer gets the thread.
        ['Se agrega', ids.c2, 'Oficina de Carol'],
      ].sort());
      expect(store.all('guidelineAnswers').map((a) => [a.office, a.answeredBy])).toEqual([['Oficina de Carol', 'carol']]);
      expect(store.all('guidelineVersions').map((v) => v.name)).toEqual(['Proyecto']);
      expect(store.get('guidelines', id)).toEqual(stored);
      // The records and the step's marker are one journal entry: a crash keeps both or neither.
      const entry = (await store.auditEntries(1))[0]!;
      expect(entry.mutation).toBe('guidelines.reviewRecords');
      const written = (await store.journalEntries()).at(-1)!.changes!.map((c) => c.collection);
      expect(new Set(written)).toEqual(new Set(['guidelineComments', 'guidelineAnswers', 'guidelineVersions', 'upgrades']));
    } finally {
      await store.close();
    }

    app = await openApp({ dataDir: data, host: 'cli', actor: 'secretaria' });
    const after = ((await call(app, 'guidelines.get', { id })) as { value: { guideline: Guideline } }).value.guideline;
    expect(view(after)).toEqual(view(before));
    // The marker says how many records the step wrote.
    expect(app.store.all('upgrades').find((m) => m.id === 'guidelines.reviewRecords')).toMatchObject({ changed: 6 });
  });

  it('a folder converted earlier keeps a record received meanwhile instead of the array\u2019s copy', async () => {
    app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria' });
    const cmi = app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const id = ((await call(app, 'guidelines.create', { commissionId: cmi.id, title: 'Lineamientos' })) as { value: Guideline }).value.id;
    await app.store.mutate(storeOldShape, { id, blob: 'ab'.repeat(32) }, 'sistema');
    // Another laptop resolved the office's comment as a record: it arrives before this folder converts.
    const resolved = { guidelineId: id, by: 'carol', at: AT, text: 'Falta un artículo', roundId: ids.round, office: 'Oficina de Carol', quote: 'uso', replacement: 'empleo', suggestion: 'aceptada', resolved: { by: 'juan', at: AT } };
    const change = { type: 'put', collection: 'guidelineComments', id: ids.c2, hlc: '1800000000000-0000-otro', fields: resolved, seq: 1, clientId: 'otro-equipo', account: 'juan', at: AT } as unknown as Change;
    await app.store.mutate(remoteMutation(new Replica()), { changes: [change], cursor: 1 }, 'sincronización');
    await app.store.mutate(forgetUpgrades, {}, 'sistema');
    expect(await runUpgrades(app.store, [reviewRecords], 'sistema')).toEqual({ 'guidelines.reviewRecords': 5 });
    expect(app.store.get('guidelineComments', ids.c2)).toMatchObject({ suggestion: 'aceptada', resolved: { by: 'juan' } });
    const g = ((await call(app, 'guidelines.get', { id })) as { value: { guideline: Guideline } }).value.guideline;
    expect(g.comments.find((c) => c.id === ids.c2)).toMatchObject({ suggestion: 'aceptada', replies: [{ text: 'Se agrega' }] });
  });
});

describe('hostile input on a guideline\u2019s review', () => {
  it('refuses an unknown guideline, a reply to an unknown comment or to a reply, and oversize text, in Spanish, storing nothing', async () => {
    app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria' });
    const cmi = app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const g = ((await call(app, 'guidelines.create', { commissionId: cmi.id, title: 'Lineamientos' })) as { value: Guideline }).value;
    const other = ((await call(app, 'guidelines.create', { commissionId: cmi.id, title: 'Otro' })) as { value: Guideline }).value;
    const withComment = ((await call(app, 'guidelines.comment', { id: g.id, text: 'Un comentario' })) as { value: Guideline }).value;
    const commentId = withComment.comments[0]!.id;
    const replied = ((await call(app, 'guidelines.reply', { id: g.id, commentId, text: 'Una respuesta' })) as { value: Guideline }).value;
    const replyId = replied.comments[0]!.replies[0]!.id;
    const seq = (await app.store.auditEntries(1))[0]!.seq;
    const count = app.store.all('guidelineComments').length;

    const refused = async (name: string, args: unknown) => {
      const reply = await call(app!, name, args);
      expect(reply.ok, name).toBe(false);
      return (reply as { error: { message: string } }).error.message;
    };
    expect(await refused('guidelines.comment', { id: newId(), text: 'Hola' })).toBe('El lineamiento solicitado no existe.');
    expect(await refused('guidelines.reply', { id: g.id, commentId: newId(), text: 'Hola' })).toBe('El comentario no existe en este lineamiento.');
    expect(await refused('guidelines.reply', { id: other.id, commentId, text: 'Hola' })).toBe('El comentario no existe en este lineamiento.');
    expect(await refused('guidelines.reply', { id: g.id, commentId: replyId, text: 'Hola' })).toBe('El comentario no existe en este lineamiento.');
    expect(await refused('guidelines.resolve', { id: g.id, commentId: replyId })).toBe('El comentario no existe en este lineamiento.');
    expect(await refused('guidelines.comment', { id: g.id, text: 'x'.repeat(5001) })).toContain('demasiado largo');
    expect(await refused('guidelines.reply', { id: g.id, commentId, text: 'x'.repeat(5001) })).toContain('demasiado largo');
    expect(await refused('guidelines.answerRound', { id: g.id, roundId: newId(), office: 'Oficina' })).toBe('La ronda de revisión no existe.');
    expect((await app.store.auditEntries(1))[0]!.seq).toBe(seq);
    expect(app.store.all('guidelineComments')).toHaveLength(count);

    // The same through sync: each is set aside with its reason, the rest of the page is kept.
    const put = (collection: string, fields: Record<string, unknown>, n: number) =>
      ({ type: 'put', collection, id: newId(), hlc: `18000000000${n}0-0000-otro`, fields, seq: n, clientId: 'otro-equipo', account: 'juan', at: AT }) as unknown as Change;
    const base = { by: 'juan', at: AT, text: 'Comentario recibido' };
    const outcome = await app.store.mutate(remoteMutation(new Replica()), {
      changes: [
        put('guidelineComments', { ...base, guidelineId: newId() }, 1),
        put('guidelineComments', { ...base, guidelineId: g.id, parentId: newId() }, 2),
        put('guidelineComments', { ...base, guidelineId: g.id, parentId: replyId }, 3),
        put('guidelineComments', { ...base, guidelineId: g.id, text: 'x'.repeat(5001) }, 4),
        put('guidelineVersions', { guidelineId: newId(), name: 'v', by: 'juan', at: AT, blob: 'ab'.repeat(32) }, 5),
        put('guidelineComments', { ...base, guidelineId: g.id }, 6),
      ],
      cursor: 6,
    }, 'sincronización');
    expect(outcome.skipped.map((s) => s.reason)).toEqual([
      'Llegó un comentario, ronda o versión de un lineamiento que este equipo no tiene; no se guardó.',
      'Llegó una respuesta a un comentario que este equipo no tiene; no se guardó.',
      'Llegó una respuesta a un comentario que este equipo no tiene; no se guardó.',
      'El registro recibido no es válido para esta versión de Sesiona.',
      'Llegó un comentario, ronda o versión de un lineamiento que este equipo no tiene; no se guardó.',
    ]);
    expect(app.store.all('guidelineComments').map((c) => c.text)).toEqual(['Un comentario', 'Una respuesta', 'Comentario recibido']);
    expect(app.store.all('guidelineVersions')).toEqual([]);
  });
});

describe('the same review call many times at once', () => {
  it('100 resolutions of one comment keep one, 100 replies are all kept, and two rounds and two versions sent at once are both there', async () => {
    app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria' });
    const cmi = app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const g = ((await call(app, 'guidelines.create', { commissionId: cmi.id, title: 'Lineamientos' })) as { value: Guideline }).value;
    const commentId = ((await call(app, 'guidelines.comment', { id: g.id, text: 'Un comentario' })) as { value: Guideline }).value.comments[0]!.id;
    const resolves = await Promise.all(Array.from({ length: 100 }, () => call(app!, 'guidelines.resolve', { id: g.id, commentId })));
    expect(resolves.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(resolves.filter((r) => !r.ok).map((r) => (r as { error: { message: string } }).error.message))).toEqual(new Set(['El comentario ya estaba resuelto.']));
    await Promise.all(Array.from({ length: 100 }, (_, i) => call(app!, 'guidelines.reply', { id: g.id, commentId, text: `Respuesta ${i}` })));
    await Promise.all([
      call(app, 'guidelines.sendRound', { id: g.id, name: 'Ronda uno', due: '2026-12-15', offices: ['Oficina A'] }),
      call(app, 'guidelines.sendRound', { id: g.id, name: 'Ronda dos', due: '2026-12-16', offices: ['Oficina B'] }),
      call(app, 'guidelines.saveVersion', { id: g.id, name: 'Versión uno' }),
      call(app, 'guidelines.saveVersion', { id: g.id, name: 'Versión dos' }),
      call(app, 'guidelines.saveVersion', { id: g.id, name: 'Versión dos' }),
    ]);
    const same = await Promise.all(Array.from({ length: 20 }, () => call(app!, 'guidelines.saveVersion', { id: g.id, name: 'Versión uno' })));
    expect(same.filter((r) => r.ok)).toHaveLength(0);
    expect((same[0] as { error: { message: string } }).error.message).toBe('Ya existe una versión llamada «Versión uno».');
    const seen = ((await call(app, 'guidelines.get', { id: g.id })) as { value: { guideline: Guideline } }).value.guideline;
    expect(seen.comments[0]!.replies).toHaveLength(100);
    expect(seen.comments[0]!.resolved).toMatchObject({ by: 'secretaria' });
    expect(seen.rounds.map((r) => r.name).sort()).toEqual(['Ronda dos', 'Ronda uno']);
    expect(seen.versions.map((v) => v.name).sort()).toEqual(['Versión dos', 'Versión uno']);
  });
});
