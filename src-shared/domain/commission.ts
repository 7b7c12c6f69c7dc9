import { z } from 'zod';
import { Id, RecordMeta } from './common.js';

export const MemberRole = z.enum(['presidencia', 'integrante', 'secretaria_tecnica']);
export type MemberRole = z.infer<typeof MemberRole>;

export const Member = z.object({
  id: Id,
  /** Academic title as written in the documents: "LICDA.", "MTRA.", "DR."… (may be empty). */
  title: z.string().max(20),
  name: z.string().min(1).max(200),
  role: MemberRole,
  /** Role as the documents print it: "CONSEJERA PRESIDENTA", "SECRETARÍA TÉCNICA"… */
  roleLabel: z.string().min(1).max(120),
  /**
   * The seat's period (YYYY-MM-DD), the one shape every screen, schema and document uses; open at
   * either end when absent. Folders that also kept a `period {from, to}` are migrated at open
   * (people.ts, unifySeatPeriods).
   */
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** The person this seat belongs to (people collection); absent only in folders made before people existed. */
  personId: Id.optional(),
});
export type Member = z.infer<typeof Member>;

/** Whether the seat is held on `date` (YYYY-MM-DD). */
export function seatedOn(member: Pick<Member, 'from' | 'to'>, date: string): boolean {
  return seatedDuring(member, date, date);
}

/** Whether the seat is held on any day from `first` to `last` (YYYY-MM-DD): who a report of those days names. */
export function seatedDuring(member: Pick<Member, 'from' | 'to'>, first: string, last: string): boolean {
  return (!member.from || member.from <= last) && (!member.to || member.to >= first);
}

export const GlossaryEntry = z.object({ term: z.string().min(1), definition: z.string().min(1) });

export const Commission = RecordMeta.extend({
  name: z.string().min(1).max(300),
  acronym: z.string().regex(/^[A-Z]{2,10}$/, 'Siglas inválidas'),
  institute: z.string().min(1),
  /** Institute acronym used in session keys: IEM in IEM-CMI-SEORD-03/2023. */
  instituteAcronym: z.string().regex(/^[A-Z]{2,10}$/),
  members: z.array(Member),
  glossary: z.array(GlossaryEntry),
  legalBasis: z.array(z.string().min(1)),
});
export type Commission = z.infer<typeof Commission>;

/** The institute as its documents print it: name, acronym, logo (blobs/) and offices' addresses. */
export const InstituteSettings = RecordMeta.extend({
  name: z.string().min(1).max(300),
  acronym: z.string().regex(/^[A-Z]{2,10}$/, 'Siglas inválidas'),
  /** sha256 of a PNG or JPEG in blobs/; the app's logo from assets/ when absent. */
  logo: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  offices: z.array(z.object({ title: z.string().min(1).max(200), address: z.string().min(1).max(500) })).max(6),
  website: z.string().max(200).default(''),
  city: z.string().max(200).default('Morelia, Michoacán'),
});
export type InstituteSettings = z.infer<typeof InstituteSettings>;
