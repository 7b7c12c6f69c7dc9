import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineMutation } from '../../src-main/services/store/store.js';
import { dispatch } from '../../src-main/services/api.js';
import { callNames } from '../../src-shared/contract/names.js';
import { personId } from '../support/people.js';
import { sessionApp } from '../support/session-app.js';

let t: Awaited<ReturnType<typeof sessionApp>>;
beforeEach(async () => {
  t = await sessionApp();
});
afterEach(async () => {
  await t.close();
});

const CAROL_OFFICE = 'Oficina de la Consejera Carol Berenice Arellano Rangel';
const ARACELI_OFFICE = 'Oficina de la Consejera Araceli Gutiérrez Cortéz';
const PASSWORD = 'revision-2023';

/** The secretary (CLI, no session) drafts two guidelines, sends rounds and creates the offices' reviewer accounts. */
async function setup() {
  const first = await t.call('guidelines.create', { commissionId: t.cmi().id, title: 'Lineamientos para el uso de las TIC' });
  const second = await t.call('guidelines.create', { commissionId: t.cmi().id, title: 'Lineamientos de contraseñas' });
  // Office names are typed by hand: case and accents differ from the accounts'.
  const g1 = await t.call('guidelines.sendRound', { id: first.id, name: 'Primera reunión de retroalimentación', due: '2023-10-15', offices: ['OFICINA DE LA CONSEJERA CAROL BERENICE ARELLANO RANGEL', ARACELI_OFFICE] });
  const g2 = await t.call('guidelines.sendRound', { id: second.id, name: 'Ronda de contraseñas', due: '2023-10-20', offices: [ARACELI_OFFICE] });
  await t.call('accounts.create', { username: 'revisor.carol', password: PASSWORD, personId: personId(t.app.store, 'CAROL BERENICE ARELLANO RANGEL'), role: 'revisor', office: CAROL_OFFICE });
  await t.call('accounts.create', { username: 'revisor.araceli', password: PASSWORD, personId: personId(t.app.store, 'ARACELI GUTIÉRREZ CORTÉZ'), role: 'revisor', office: ARACELI_OFFICE });
  const articles = (await t.call('guidelines.get', { id: first.id })).articles;
  return { first: g1, second: g2, articleUid: Object.keys(articles)[0]! };
}

/** Publishing for real needs a session, approval and signing (guidelines-signing.test.ts); here only the state matters. */
const markPublished = defineMutation({
  name: 'test.markPublished',
  args: z.object({ id: z.string() }),
  apply(ctx, { id }) {
    const g = ctx.get('guidelines', id)!;
    return { puts: [{ collection: 'guidelines' as const, record: { ...g, status: 'publicado' as const } }], result: () => undefined };
  },
});

const signIn = (username: string) => t.call('auth.signIn', { username, password: PASSWORD });

describe('an office answers a review round with its own account', () => {
  it('sees only the rounds sent to its office, comments, suggests and marks the round answered; the audit names the account', async () => {
    const { first, articleUid } = await setup();
    await signIn('revisor.carol');
    const rounds = await t.call('review.rounds', {});
    expect(rounds.map((r) => [r.title, r.roundName, r.office, r.answeredAt])).toEqual([
      ['Lineamientos para el uso de las TIC', 'Primera reunión de retroalimentación', 'OFICINA DE LA CONSEJERA CAROL BERENICE ARELLANO RANGEL', null],
    ]);
    const roundId = first.rounds[0]!.id;
    let view = await t.call('review.get', { id: first.id, roundId });
    expect(view.blocks.map((b) => b.line)).toEqual(['CAPÍTULO I. Disposiciones generales', 'Artículo 1. Los presentes lineamientos tienen por objeto']);
    view = await t.call('review.comment', { id: first.id, roundId, articleUid, text: 'Precisar el objeto.', quote: 'tienen por objeto', replacement: 'regulan' });
    view = await t.call('review.comment', { id: first.id, roundId, text: 'Sin más observaciones.' });
    expect(view.comments.map((c) => [c.by, c.office, c.text])).toEqual([
      ['revisor.carol', 'OFICINA DE LA CONSEJERA CAROL BERENICE ARELLANO RANGEL', 'Precisar el objeto.'],
      ['revisor.carol', 'OFICINA DE LA CONSEJERA CAROL BERENICE ARELLANO RANGEL', 'Sin más observaciones.'],
    ]);
    view = await t.call('review.answer', { id: first.id, roundId });
    expect(view.round.answeredBy).toBe('revisor.carol');
    expect(view.round.answeredAt).toBeTruthy();
    expect(await t.refused('review.comment', { id: first.id, roundId, text: 'Una más.' })).toBe('Su oficina ya respondió esta ronda: ya no puede agregar comentarios en ella.');
    expect(await t.refused('review.answer', { id: first.id, roundId })).toContain('ya había respondido');

    // Back to the secretary: the office's comments are in the guideline, with who and which office; the suggestion can be accepted.
    await t.call('auth.signOut', {});
    const g = (await t.call('guidelines.get', { id: first.id })).guideline;
    expect(g.rounds[0]!.offices.map((o) => [o.answeredBy ?? null, Boolean(o.answeredAt)])).toEqual([['revisor.carol', true], [null, false]]);
    const suggestion = g.comments.find((c) => c.replacement)!;
    await t.call('guidelines.decide', { id: first.id, commentId: suggestion.id, decision: 'aceptada' });
    expect((await t.call('review.rounds', {}).catch((e: Error) => e.message))).toBe('Esta sección es para las cuentas de revisión de las oficinas.');
    const audit = await t.call('audit.list', { limit: 50 });
    expect(audit.filter((e) => e.actor === 'revisor.carol').map((e) => e.mutation).sort()).toEqual(['guidelines.answerRound', 'guidelines.reviewComment', 'guidelines.reviewComment']);
  });

  it('cannot see or change anything else: every other call is refused, and other offices\' rounds do not exist for it', async () => {
    const { first, second } = await setup();
    await signIn('revisor.carol');
    // sync.status and sync.now: the office's laptop syncs its rounds (the server scopes what it sends).
    const allowed = new Set(['auth.status', 'auth.signIn', 'auth.signOut', 'review.rounds', 'review.get', 'review.comment', 'review.answer', 'sync.status', 'sync.now']);
    const before = await t.app.store.journalEntries();
    for (const name of callNames.filter((n) => !allowed.has(n))) {
      const reply = await dispatch(t.app.handlers, name, { id: first.id });
      expect(reply.ok ? `${name} answered` : `${name}: ${reply.error.code}`).toBe(`${name}: UNAUTHORIZED`);
    }
    const notYours = 'Esa ronda de revisión no fue enviada a su oficina.';
    expect(await t.refused('review.get', { id: second.id, roundId: second.rounds[0]!.id })).toBe(notYours);
    expect(await t.refused('review.comment', { id: second.id, roundId: second.rounds[0]!.id, text: 'Intruso' })).toBe(notYours);
    expect(await t.refused('review.answer', { id: second.id, roundId: second.rounds[0]!.id })).toBe(notYours);
    // A round id of another guideline, or one made up, reads the same.
    expect(await t.refused('review.get', { id: second.id, roundId: first.rounds[0]!.id })).toBe(notYours);
    // The office comes from the account, never from the request.
    const hostile = await dispatch(t.app.handlers, 'review.comment', { id: second.id, roundId: second.rounds[0]!.id, text: 'x', office: ARACELI_OFFICE });
    expect(hostile.ok).toBe(false);
    expect((await t.app.store.journalEntries()).length).toBe(before.length);
    // The other office still sees its own two rounds.
    await signIn('revisor.araceli');
    expect((await t.call('review.rounds', {})).map((r) => r.roundName).sort()).toEqual(['Primera reunión de retroalimentación', 'Ronda de contraseñas']);
  });

  it('the same answer sent 100 times at once is stored once', async () => {
    const { first } = await setup();
    await signIn('revisor.carol');
    const roundId = first.rounds[0]!.id;
    const replies = await Promise.all(Array.from({ length: 100 }, () => dispatch(t.app.handlers, 'review.answer', { id: first.id, roundId })));
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    const audit = (await t.app.store.journalEntries()).filter((e) => e.actor === 'revisor.carol');
    expect(audit).toHaveLength(1);
  });

  it('a published guideline takes no more comments from offices; a reviewer account needs its office', async () => {
    expect(await t.refused('accounts.create', { username: 'revisor.sin', password: PASSWORD, personId: personId(t.app.store, 'VIRIDIANA VILLASEÑOR AGUIRRE'), role: 'revisor' })).toContain('Escriba la oficina que revisa con esta cuenta');
    const { first } = await setup();
    await t.app.store.mutate(markPublished, { id: first.id }, 'secretaria');
    await signIn('revisor.carol');
    expect(await t.refused('review.comment', { id: first.id, roundId: first.rounds[0]!.id, text: 'Tarde.' })).toBe('El lineamiento está publicado y bloqueado: ya no puede modificarse.');
  });
});
