import { z } from 'zod';
import { Hlc } from '../../../src-shared/domain/common.js';

/**
 * The clock of each field of a record, as it stood after a remote change was merged into it.
 * Journaled in the same entry as the merged record, so the field clocks can always be rebuilt
 * from the journal alone (a crash between the merge and any side file loses nothing).
 * id is "<collection>.<record id>".
 */
export const SyncStamps = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}\.[0-9A-Za-z_-]{1,64}$/),
  hlc: Hlc,
  stamps: z.record(z.string(), Hlc),
});
export type SyncStamps = z.infer<typeof SyncStamps>;

/**
 * How far this laptop has pulled from the server (id "pull"). Written by replication in the same
 * journal entry as the changes it merged, so a crash can never keep the merge and lose the
 * cursor, or the reverse.
 */
export const SyncProgress = z.object({
  id: z.literal('pull'),
  hlc: Hlc,
  cursor: z.number().int().nonnegative(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;
