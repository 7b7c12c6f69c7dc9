import { z } from 'zod';
import { Id, RecordMeta } from './common.js';

/** borrador → presentado (proyecto) → aprobado (in a later session) → bloqueado (SHA-256) → firmado. */
export const MinutesStatus = z.enum(['borrador', 'presentado', 'aprobado', 'bloqueado', 'firmado']);
export type MinutesStatus = z.infer<typeof MinutesStatus>;

/** One version of a session's acta. Its body is a Yjs document kept in drafts. */
export const Minutes = RecordMeta.extend({
  sessionId: Id,
  version: z.number().int().positive(),
  status: MinutesStatus,
  draftId: Id,
  /** The session and agenda item whose vote approved this acta. */
  approvedBy: z.object({ sessionId: Id, agendaItemId: Id, result: z.enum(['unanimidad', 'mayoria']) }).optional(),
  /** SHA-256 of the frozen Yjs state and of the PDF made from it, at lock time. */
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** The signing document (documents collection) made at lock time. */
  documentId: Id.optional(),
  lockedAt: z.string().optional(),
  /** A correction links to the version it corrects. */
  correctsId: Id.optional(),
  supersededById: Id.optional(),
  createdAt: z.string(),
});
export type Minutes = z.infer<typeof Minutes>;

/**
 * A Yjs document stored as a snapshot plus small appended updates, so an hour of autosaving
 * journals only the edits. `seq` counts appended updates; updates up to `baseSeq` are folded
 * into `snapshot` (base64 Yjs update).
 */
export const Draft = RecordMeta.extend({
  /** What the body belongs to, e.g. "minutes". */
  owner: z.string().min(1).max(40),
  snapshot: z.string(),
  baseSeq: z.number().int().min(0),
  seq: z.number().int().min(0),
  /** A locked draft refuses updates: its content is frozen. */
  locked: z.boolean().default(false),
  /** Yjs state vector (base64) of what sync brought into the body: what lies beyond it was written here. Never synced. */
  pulled: z.string().max(100_000).optional(),
  /** A guideline merge's repair (base64 Yjs update) committed with the pull, not yet appended as this laptop's edit. Never synced. */
  pendingRepair: z.string().max(2_000_000).optional(),
});
export type Draft = z.infer<typeof Draft>;

/** One appended Yjs update; records whose seq is folded into the snapshot are reused. */
export const DraftUpdate = RecordMeta.extend({
  draftId: Id,
  seq: z.number().int().positive(),
  update: z.string().max(2_000_000),
});
export type DraftUpdate = z.infer<typeof DraftUpdate>;
