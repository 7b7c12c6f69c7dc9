import { z } from 'zod';
import { Id, Percent, RecordMeta } from './common.js';

export const ActivityKind = z.enum(['ordinaria', 'especifica', 'proceso_electoral']);
export type ActivityKind = z.infer<typeof ActivityKind>;

/** Four-month periods: 1 = Ene–Abr, 2 = May–Ago, 3 = Sep–Dic. */
export const Period = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Period = z.infer<typeof Period>;

/** An evidence image kept in blobs/, printed as "Imagen N. caption" in the report. */
export const EvidenceImage = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mediaType: z.enum(['image/png', 'image/jpeg']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  caption: z.string().max(500).default(''),
});
export type EvidenceImage = z.infer<typeof EvidenceImage>;

export const PeriodProgress = z.object({
  period: Period,
  percent: Percent,
  narrative: z.string().default(''),
  /** sha256 of evidence images in blobs/ (kept in step with `images`, which adds the captions). */
  evidence: z.array(z.string().regex(/^[0-9a-f]{64}$/)).default([]),
  images: z.array(EvidenceImage).optional(),
});
export type PeriodProgress = z.infer<typeof PeriodProgress>;

export const ProgressUpdate = z.object({
  at: z.string().datetime(),
  actor: z.string().min(1),
  period: Period,
  /** What changed: "progreso" (percent and narrative), an image added or removed. */
  change: z.enum(['progreso', 'imagen_agregada', 'imagen_quitada']),
  percent: Percent,
  narrative: z.string().default(''),
  imageSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type ProgressUpdate = z.infer<typeof ProgressUpdate>;

export const Activity = RecordMeta.extend({
  commissionId: Id,
  year: z.number().int().min(1990).max(2100),
  kind: ActivityKind,
  /** "CVO." column. */
  number: z.number().int().positive(),
  title: z.string().min(1),
  progress: z.array(PeriodProgress),
  /** Schedule rows of the commission's programme this activity reports on. */
  scheduleRowIds: z.array(Id).optional(),
  /** Every progress update, oldest first: who, when, what. */
  history: z.array(ProgressUpdate).optional(),
});
export type Activity = z.infer<typeof Activity>;
