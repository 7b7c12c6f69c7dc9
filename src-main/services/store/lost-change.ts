import { z } from 'zod';
import { Hlc, Tombstone } from '../../../src-shared/domain/common.js';

/**
 * A change made on this laptop that did not count because the record was deleted elsewhere
 * first (the server answered `record-deleted`): what it changed, who deleted the record and
 * when. Local to the laptop (never synced); the local entry that made the change stays in the
 * journal too, so nothing of it is lost.
 */
export const LostChange = z.object({
  id: z.string(),
  hlc: Hlc,
  /** "<clientId>:<mutationId>": a retried push that gets the same answer keeps it once. */
  mutation: z.string().min(1).max(200),
  collection: z.string(),
  recordId: z.string(),
  /** The record's title (or name) as this laptop had it, for the message. */
  title: z.string().nullable(),
  /** For a draft's text: the collection of the guideline or acta it belongs to. */
  owner: z.string().optional(),
  /** For a guideline's comment, round, answer or version: the deleted record was its guideline. */
  parent: z.string().optional(),
  kind: z.enum(['put', 'body', 'lock']),
  /** A put's fields as they were sent; a body's Yjs update (base64). */
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.string().optional(),
  /** When the change was made here (its clock), and who deleted the record and when it reached the server. */
  madeAt: z.string(),
  deletedBy: z.object({ account: z.string().nullable(), at: z.string().nullable() }),
  at: z.string(),
  deleted: Tombstone.optional(),
});
export type LostChange = z.infer<typeof LostChange>;
