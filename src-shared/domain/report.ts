import { z } from 'zod';
import { Period } from './activity.js';
import { Id, IsoDate, RecordMeta } from './common.js';
import { SignatureBlockEntry } from './programme.js';
import { Modality, SessionType, VoteResult } from './session.js';

/** How the commission approved a report: the legend under the hoja de firmas. */
export const ReportApproval = z.object({
  /** The approving session when it is recorded in Sesiona. */
  sessionId: Id.optional(),
  sessionType: SessionType,
  modality: Modality,
  date: IsoDate,
  result: VoteResult,
  inFavor: z.number().int().min(0).default(0),
  against: z.number().int().min(0).default(0),
  abstentions: z.number().int().min(0).default(0),
});
export type ReportApproval = z.infer<typeof ReportApproval>;

/** Informe cuatrimestral: the record a four-month report PDF is generated from. */
export const FourMonthReport = RecordMeta.extend({
  commissionId: Id,
  year: z.number().int().min(1990).max(2100),
  period: Period,
  /** "I. PRESENTACIÓN", editable, paragraphs separated by blank lines. */
  presentation: z.string().max(20000).default(''),
  /** Opening text of "V. AVANCE DE ACTIVIDADES". */
  progressIntro: z.string().max(20000).default(''),
  approval: ReportApproval.optional(),
  /** Hoja de firmas; when empty it is derived from the commission's members. */
  signers: z.array(SignatureBlockEntry).optional(),
});
export type FourMonthReport = z.infer<typeof FourMonthReport>;
