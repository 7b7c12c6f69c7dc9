import { z } from 'zod';
import { Hlc, Tombstone } from '../../../src-shared/domain/common.js';

/**
 * The record that a one-time data step ran in this folder; id is the step's name. It is written
 * in the very journal entry that holds the step's changes, so a crash leaves either both or
 * neither: a step that did not finish runs again at the next open, one that did is never re-scanned.
 * Local to the laptop (never synced).
 */
export const UpgradeMarker = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z]*\.[a-zA-Z]+$/),
  hlc: Hlc,
  /** When it ran, and how many records it changed. */
  at: z.string(),
  changed: z.number().int().min(0),
  deleted: Tombstone.optional(),
});
export type UpgradeMarker = z.infer<typeof UpgradeMarker>;
