import { z } from 'zod';
import { Id, RecordMeta } from './common.js';

/** A row of a "Cronograma de actividades" table. */
export const ScheduleRow = z.object({
  id: Id,
  lineOfAction: z.string().min(1),
  unit: z.string().min(1),
  goal: z.string().min(1),
  /** "Cuantificación física": total planned units. */
  physicalQuantity: z.number().int().min(0),
  /** Planned units per month, Ene…Dic; 0 where the cell is empty. */
  months: z.array(z.number().int().min(0)).length(12),
});
export type ScheduleRow = z.infer<typeof ScheduleRow>;

export const SpecificObjective = z.object({
  /** "a", "b"… as lettered in the programme. */
  letter: z.string().regex(/^[a-z]$/),
  text: z.string().min(1),
  linesOfAction: z.array(z.string().min(1)),
});

export const ProgrammeSection = z.object({
  id: Id,
  /** "3", "4.1", "6.3"… */
  number: z.string().regex(/^\d+(\.\d+)*$/),
  title: z.string().min(1),
  /** Title of the enclosing chapter, when the section is a sub-section (4.1 under 4). */
  parentTitle: z.string().default(''),
  generalObjective: z.string().default(''),
  specificObjectives: z.array(SpecificObjective),
  legalBasis: z.array(z.string().min(1)),
  schedule: z.array(ScheduleRow),
});
export type ProgrammeSection = z.infer<typeof ProgrammeSection>;

/** A signer as a document prints them: "Consejera Electoral Presidenta de la Comisión de …". */
export const SignatureBlockEntry = z.object({
  memberId: Id.optional(),
  name: z.string().min(1).max(200),
  /** Long-form role, one line per array item as printed under the name. */
  role: z.string().min(1).max(300),
});
export type SignatureBlockEntry = z.infer<typeof SignatureBlockEntry>;

/** Programa Anual de Trabajo. */
export const Programme = RecordMeta.extend({
  commissionId: Id,
  year: z.number().int().min(1990).max(2100),
  title: z.string().min(1),
  presentation: z.string().default(''),
  legalFramework: z.array(z.string().min(1)),
  sections: z.array(ProgrammeSection),
  /** Closing text: when and how the programme was approved. */
  approval: z.string().default(''),
  /** Signature block; when empty it is derived from the commission's members. */
  signers: z.array(SignatureBlockEntry).optional(),
});
export type Programme = z.infer<typeof Programme>;
