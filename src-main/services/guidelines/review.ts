import { z } from 'zod';
import type { ReviewRoundSummary, ReviewView } from '../../../src-shared/contract/calls.js';
import { contract } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { Guideline, ReviewRound } from '../../../src-shared/domain/index.js';
// The same comparison scopes a revisor's sync on the server.
import { officeKey } from '../../../src-shared/sync/protocol.js';
import { blockLines } from '../../../src-shared/guidelines/structure.js';
import type { ServiceContext } from '../context.js';
import { refuse } from '../sessions/errors.js';
import { defineMutation, type MutationContext } from '../store/store.js';
import { editable, getGuideline, guidelineBlocks, newAnswer, newComment, putRecords } from './guidelines.js';
import { assemble, reviewIndex } from './review-records.js';

type Reader = Pick<MutationContext, 'get' | 'all'>;


/** The signed-in reviewer's office; anyone else is refused. */
function myOffice(ctx: ServiceContext): string {
  const account = ctx.session ? ctx.store.get('accounts', ctx.session.accountId) : undefined;
  if (!account || account.disabled || !account.roles.some((r) => r.role === 'revisor') || !account.office) {
    throw new AppError('UNAUTHORIZED', 'Esta sección es para las cuentas de revisión de las oficinas.');
  }
  return account.office;
}

const entryOf = (round: ReviewRound, office: string) => round.offices.find((o) => officeKey(o.name) === officeKey(office));

function summary(store: Reader, g: Guideline, round: ReviewRound, office: string): ReviewRoundSummary {
  const entry = entryOf(round, office)!;
  return {
    guidelineId: g.id,
    title: g.title,
    commission: store.get('commissions', g.commissionId)?.acronym ?? '',
    status: g.status,
    roundId: round.id,
    roundName: round.name,
    due: round.due,
    sentAt: round.sentAt,
    office: entry.name,
    answeredAt: entry.answeredAt ?? null,
    answeredBy: entry.answeredBy ?? null,
    comments: g.comments.filter((c) => c.roundId === round.id && c.office === entry.name).length,
  };
}

/** One message for a round that does not exist and one sent elsewhere: a reviewer learns nothing of other offices' rounds. */
const NOT_YOURS = ['NOT_FOUND', 'Esa ronda de revisión no fue enviada a su oficina.', 'that review round was not sent to this office'] as const;

function roundFor(store: Reader, id: string, roundId: string, office: string): { g: Guideline; round: ReviewRound; name: string } {
  const g = store.get('guidelines', id) ? getGuideline(store, id) : undefined;
  const round = g?.rounds.find((r) => r.id === roundId);
  const entry = round && entryOf(round, office);
  if (!g || !round || !entry) return refuse(...NOT_YOURS);
  return { g, round, name: entry.name };
}

export function reviewRounds(ctx: ServiceContext): ReviewRoundSummary[] {
  const office = myOffice(ctx);
  const index = reviewIndex(ctx.store);
  return ctx.store
    .all('guidelines')
    .map((g) => assemble(g, index))
    .flatMap((g) => g.rounds.filter((r) => entryOf(r, office)).map((r) => summary(ctx.store, g, r, office)))
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}

function view(store: Reader, g: Guideline, round: ReviewRound, office: string): ReviewView {
  const blocks = guidelineBlocks(store, g);
  const lines = blockLines(blocks);
  const name = entryOf(round, office)!.name;
  return {
    round: summary(store, g, round, office),
    blocks: blocks.map((b, i) => ({ kind: b.kind, uid: b.kind === 'articulo' ? (b.uid ?? null) : null, line: lines[i]! })),
    comments: g.comments.filter((c) => c.roundId === round.id && c.office === name),
  };
}

export function reviewGet(ctx: ServiceContext, id: string, roundId: string): ReviewView {
  const office = myOffice(ctx);
  const { g, round } = roundFor(ctx.store, id, roundId, office);
  return view(ctx.store, g, round, office);
}

const ReviewCommentArgs = contract['review.comment'].args.extend({ office: z.string().min(1).max(300) });

/** A reviewer's comment (or suggested change) in a round, checked inside the store's queue against the office's answer. */
const reviewCommentMutation = defineMutation({
  name: 'guidelines.reviewComment',
  args: ReviewCommentArgs,
  apply(ctx, args) {
    const { g, round, name } = roundFor(ctx, args.id, args.roundId, args.office);
    editable(g);
    if (entryOf(round, name)!.answeredAt) refuse('CONFLICT', 'Su oficina ya respondió esta ronda: ya no puede agregar comentarios en ella.', 'this office has already answered the round');
    const comment = { ...newComment(ctx, g, args), roundId: round.id, office: name };
    // Only the office's own record: a reviewer never writes the guideline.
    return putRecords(ctx, g, [{ collection: 'guidelineComments', record: comment }]);
  },
});

/** The office's answer: the same record the secretary writes for it (answeredBy names this account), and nothing else. */
const reviewAnswerMutation = defineMutation({
  name: 'guidelines.answerRound',
  args: contract['guidelines.answerRound'].args,
  apply(ctx, args) {
    const { g, name } = roundFor(ctx, args.id, args.roundId, args.office);
    editable(g);
    return putRecords(ctx, g, [newAnswer(ctx, g, args.roundId, name)]);
  },
});

export async function reviewComment(ctx: ServiceContext, args: z.infer<typeof contract['review.comment']['args']>): Promise<ReviewView> {
  const office = myOffice(ctx);
  await ctx.store.mutate(reviewCommentMutation, { ...args, office }, ctx.actor);
  return reviewGet(ctx, args.id, args.roundId);
}

export async function reviewAnswer(ctx: ServiceContext, id: string, roundId: string): Promise<ReviewView> {
  const office = myOffice(ctx);
  const { g, name } = roundFor(ctx.store, id, roundId, office);
  editable(g);
  await ctx.store.mutate(reviewAnswerMutation, { id, roundId, office: name }, ctx.actor);
  return reviewGet(ctx, id, roundId);
}
