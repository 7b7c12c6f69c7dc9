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
  /**
   * Recorded before the job is sent ('enviando', with `jobKey` in its title), then confirmed with
   * the printing system's id ('enviado') or found never to have reached it ('no-enviado'). Jobs
   * recorded before this field existed were recorded after sending.
   */
  state: z.enum(['enviando', 'enviado', 'no-enviado']).optional(),
  jobKey: z.string().max(40).optional(),
  /** Confirmed from the printing system's history when the app was opened again. */
  reconciled: z.boolean().optional(),
});
export type PrintJob = z.infer<typeof PrintJob>;

/**
 * A finished (or cancelled) batch of signed acknowledgements, as the archive lists it. Its PDFs
 * stay in lotes/<jobId>/; manifest.json there lists each file's SHA-256, and its own hash is here.
 */
export const BatchResult = RecordMeta.extend({
  jobId: z.string(),
  title: z.string().min(1).max(500),
  signerName: z.string(),
  signerRole: z.string(),
  createdAt: z.string(),
  total: z.number().int().min(0),
  written: z.number().int().min(0),
  failed: z.number().int().min(0),
  cancelled: z.boolean(),
  bytes: z.number().int().min(0),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BatchResult = z.infer<typeof BatchResult>;
