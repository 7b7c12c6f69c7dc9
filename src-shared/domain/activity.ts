import { z } from 'zod';
import { Id, Percent, RecordMeta } from './common.js';

export const ActivityKind = z.enum(['ordinaria', 'especifica', 'proceso_electoral']);
export type ActivityKind = z.infer<typeof ActivityKind>;

/** Four-month periods: 1 = Ene–Abr, 2 = May–Ago, 3 = Sep–Dic. */
export const Period = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Period = z.infer<typeof Period>;

export const PeriodProgress = z.object({
  period: Period,
  percent: Percent,
  narrative: z.string().default(''),
  /** sha256 of evidence images in blobs/. */
  evidence: z.array(z.string().regex(/^[0-9a-f]{64}$/)).default([]),
});
export type PeriodProgress = z.infer<typeof PeriodProgress>;

export const Activity = RecordMeta.extend({
  commissionId: Id,
  year: z.number().int().min(1990).max(2100),
  kind: ActivityKind,
  /** "CVO." column. */
  number: z.number().int().positive(),
  title: z.string().min(1),
  progress: z.array(PeriodProgress),
});
export type Activity = z.infer<typeof Activity>;
