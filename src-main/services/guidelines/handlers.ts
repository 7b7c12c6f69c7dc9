import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import {
  answerRound,
  commentGuideline,
  compareVersions,
  createGuideline,
  decideSuggestion,
  exportGuideline,
  guidelineView,
  importGuideline,
  listGuidelines,
  publishGuideline,
  replyGuideline,
  resolveComment,
  restoreVersion,
  saveVersion,
  sendRound,
  setStatus,
} from './guidelines.js';
import { reviewAnswer, reviewComment, reviewGet, reviewRounds } from './review.js';

export const guidelinesHandlers = {
  'guidelines.list': ({ store }) => listGuidelines(store),
  'guidelines.get': ({ store }, args) => guidelineView(store, args.id),
  'guidelines.create': ({ store, actor }, args) => store.mutate(createGuideline, args, actor),
  'guidelines.comment': ({ store, actor }, args) => store.mutate(commentGuideline, args, actor),
  'guidelines.reply': ({ store, actor }, args) => store.mutate(replyGuideline, args, actor),
  'guidelines.resolve': ({ store, actor }, args) => store.mutate(resolveComment, args, actor),
  'guidelines.decide': ({ store, actor }, args) => store.mutate(decideSuggestion, args, actor),
  'guidelines.sendRound': ({ store, actor }, args) => store.mutate(sendRound, args, actor),
  'guidelines.answerRound': ({ store, actor }, args) => store.mutate(answerRound, args, actor),
  'guidelines.saveVersion': ({ store, actor, ids }, args) => saveVersion(store, args.id, args.name, actor, ids.next),
  'guidelines.compare': ({ store }, args) => compareVersions(store, args.id, args.from, args.to),
  'guidelines.restore': ({ store, actor, ids }, args) => restoreVersion(store, args.id, args.versionId, actor, ids.next),
  'guidelines.setStatus': ({ store, vault, actor, ids }, args) =>
    args.status === 'publicado' ? publishGuideline(store, vault, args.id, actor, ids.next) : store.mutate(setStatus, args, actor),
  'guidelines.export': ({ store }, args) => exportGuideline(store, args.id, args.format),
  'guidelines.import': ({ store, actor }, args) =>
    importGuideline(store, { commissionId: args.commissionId, title: args.title, docx: new Uint8Array(Buffer.from(args.docx, 'base64')) }, actor),
  'review.rounds': (ctx) => reviewRounds(ctx),
  'review.get': (ctx, args) => reviewGet(ctx, args.id, args.roundId),
  'review.comment': (ctx, args) => reviewComment(ctx, args),
  'review.answer': (ctx, args) => reviewAnswer(ctx, args.id, args.roundId),
} satisfies FeatureHandlers<FeatureCalls['guidelines']>;
