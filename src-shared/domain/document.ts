import { z } from 'zod';
import { RecordMeta } from './common.js';

export const DocumentKind = z.enum(['acuse', 'acta', 'informe', 'importado']);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** A generated or imported PDF. The bytes live in blobs/<sha256>; versions replace `pdf`. */
export const DocumentRecord = RecordMeta.extend({
  kind: DocumentKind,
  title: z.string().min(1).max(500),
  fileName: z.string().regex(/^[^/\\]{1,200}\.pdf$/),
  createdAt: z.string(),
  pdf: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
  /** Handwritten signatures placed on it (vault record ids). */
  inkFrom: z.array(z.string()).default([]),
  status: z.enum(['borrador', 'bloqueado', 'firmado']),
  sessionId: z.string().optional(),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;
