import { z } from 'zod';
import { Id, IsoDate, RecordMeta } from './common.js';

/**
 * The collections of a guideline's review, each record naming its guideline (`guidelineId`):
 * separate records so that additions from two laptops both survive the field merge.
 */
export const GUIDELINE_PARTS: ReadonlySet<string> = new Set(['guidelineComments', 'guidelineRounds', 'guidelineAnswers', 'guidelineVersions']);

/** borrador → en_revision → presentado (in a session's agenda item) → aprobado → publicado (locked). */
export const GuidelineStatus = z.enum(['borrador', 'en_revision', 'presentado', 'aprobado', 'publicado']);
export type GuidelineStatus = z.infer<typeof GuidelineStatus>;

const Who = z.object({ by: z.string().min(1).max(200), at: z.string() });

export const GuidelineReply = Who.extend({ id: Id, text: z.string().min(1).max(5000) });

/** A reviewer's comment on an article (its uid) or on a quoted selection in it; may suggest a change. */
export const GuidelineComment = Who.extend({
  id: Id,
  articleUid: z.string().max(64).optional(),
  quote: z.string().max(2000).optional(),
  text: z.string().min(1).max(5000),
  replies: z.array(GuidelineReply).default([]),
  resolved: Who.optional(),
  /** Suggested change: replace `quote` with `replacement`. */
  replacement: z.string().max(5000).optional(),
  suggestion: z.enum(['pendiente', 'aceptada', 'rechazada']).optional(),
  /** Set when an office's reviewer wrote it while answering a review round. */
  roundId: Id.optional(),
  office: z.string().max(300).optional(),
});
export type GuidelineComment = z.infer<typeof GuidelineComment>;

/** A review round ("reunión de retroalimentación") sent to named offices with a due date. */
export const ReviewRound = z.object({
  id: Id,
  name: z.string().min(1).max(300),
  due: IsoDate,
  sentAt: z.string(),
  /** answeredBy: the account that marked the office's answer (the office's reviewer, or the secretary recording it). */
  offices: z.array(z.object({ name: z.string().min(1).max(300), answeredAt: z.string().optional(), answeredBy: z.string().max(200).optional() })).min(1),
});
export type ReviewRound = z.infer<typeof ReviewRound>;

/** A named version: the body's Yjs state, stored as a blob. */
export const GuidelineVersion = Who.extend({
  id: Id,
  name: z.string().min(1).max(300),
  blob: z.string().regex(/^[0-9a-f]{64}$/),
  restoredFrom: Id.optional(),
});
export type GuidelineVersion = z.infer<typeof GuidelineVersion>;

const GuidelineFields = {
  commissionId: Id,
  title: z.string().min(1).max(500),
  status: GuidelineStatus,
  draftId: Id,
  /** The schedule activity ("cronograma") this guideline belongs to. */
  activityId: Id.optional(),
  presentedIn: z.object({ sessionId: Id, agendaItemId: Id }).optional(),
  documentId: Id.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
};

/**
 * A guideline as stored and synced. Its comments, rounds, answers and versions are records of
 * their own (below): as arrays of one record, two laptops adding to them offline lost one side
 * in the field-by-field merge. The optional arrays are what folders and laptops from before
 * wrote; they are read as they are (guidelines/review-records.ts), never written again.
 */
export const GuidelineRecord = RecordMeta.extend({
  ...GuidelineFields,
  comments: z.array(GuidelineComment).optional(),
  rounds: z.array(ReviewRound).optional(),
  versions: z.array(GuidelineVersion).optional(),
});
export type GuidelineRecord = z.infer<typeof GuidelineRecord>;

/** A guideline as screens, the CLI and exports read it: its records gathered into the arrays. */
export const Guideline = RecordMeta.extend({
  ...GuidelineFields,
  comments: z.array(GuidelineComment),
  rounds: z.array(ReviewRound),
  versions: z.array(GuidelineVersion),
});
export type Guideline = z.infer<typeof Guideline>;

/**
 * A comment, or with `parentId` a reply to one, as a record of its own: concurrent comments and
 * replies all survive a merge, and resolving or deciding is a field of the comment's record, so
 * two comments resolved on two laptops both stay resolved and one resolved twice keeps one
 * resolution. A reply carries its comment's round and office, so the office's reviewer gets the
 * thread of its own comments and nothing else.
 */
export const GuidelineCommentRecord = RecordMeta.extend({
  guidelineId: Id,
  parentId: Id.optional(),
  roundId: Id.optional(),
  office: z.string().min(1).max(300).optional(),
  articleUid: z.string().max(64).optional(),
  quote: z.string().max(2000).optional(),
  replacement: z.string().max(5000).optional(),
  suggestion: z.enum(['pendiente', 'aceptada', 'rechazada']).optional(),
  resolved: Who.optional(),
  by: z.string().min(1).max(200),
  at: z.string(),
  text: z.string().min(1).max(5000),
});
export type GuidelineCommentRecord = z.infer<typeof GuidelineCommentRecord>;

/** A review round as sent; it never changes afterwards (answers are records of their own). */
export const GuidelineRoundRecord = RecordMeta.extend({
  guidelineId: Id,
  name: z.string().min(1).max(300),
  due: IsoDate,
  sentAt: z.string(),
  by: z.string().min(1).max(200),
  offices: z.array(z.string().min(1).max(300)).min(1).max(100),
});
export type GuidelineRoundRecord = z.infer<typeof GuidelineRoundRecord>;

/**
 * An office's answer to a round. Its id is derived from the round and the office, so the same
 * answer recorded on two laptops is one record (one answer), and two offices' answers are two.
 */
export const GuidelineAnswer = RecordMeta.extend({
  guidelineId: Id,
  roundId: Id,
  office: z.string().min(1).max(300),
  answeredAt: z.string(),
  answeredBy: z.string().min(1).max(200),
});
export type GuidelineAnswer = z.infer<typeof GuidelineAnswer>;

/** A named version as a record of its own; it never changes. */
export const GuidelineVersionRecord = RecordMeta.extend({
  guidelineId: Id,
  name: z.string().min(1).max(300),
  by: z.string().min(1).max(200),
  at: z.string(),
  blob: z.string().regex(/^[0-9a-f]{64}$/),
  restoredFrom: Id.optional(),
});
export type GuidelineVersionRecord = z.infer<typeof GuidelineVersionRecord>;
