import { z } from 'zod';
import { RecordMeta } from './common.js';

/** One print of a stored document: who sent it, what, to which printer, how many copies. */
export const PrintJob = RecordMeta.extend({
  documentId: z.string(),
  /** sha256 of the exact PDF version that was printed. */
  pdf: z.string().regex(/^[0-9a-f]{64}$/),
  printer: z.string().min(1).max(200),
  copies: z.number().int().min(1).max(99),
  duplex: z.enum(['una-cara', 'doble-cara']),
  pages: z.string().max(100).optional(),
  /** The job id the printing system gave back. */
  jobId: z.string().max(200),
  printedBy: z.string().min(1),
  at: z.string(),
});
export type PrintJob = z.infer<typeof PrintJob>;
