import { z } from 'zod';
import { Id, IsoDate, RecordMeta } from './common.js';

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

export const Guideline = RecordMeta.extend({
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
  comments: z.array(GuidelineComment).default([]),
  rounds: z.array(ReviewRound).default([]),
  versions: z.array(GuidelineVersion).default([]),
});
export type Guideline = z.infer<typeof Guideline>;
