import { z } from 'zod';
import { Id, IsoDate, RecordMeta } from './common.js';

export const SessionType = z.enum(['ordinaria', 'extraordinaria', 'extraordinaria_urgente']);
export type SessionType = z.infer<typeof SessionType>;

export const Modality = z.enum(['presencial', 'virtual', 'hibrida']);
export type Modality = z.infer<typeof Modality>;

export const SessionStatus = z.enum(['programada', 'celebrada', 'cancelada']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const AgendaItem = z.object({
  id: Id,
  /** Text after the ordinal ("LECTURA DEL PROYECTO DE ACTA…"); the ordinal is derived from position. */
  text: z.string().min(1).max(4000),
  /** Numbered sub-points such as "2.1 PROYECTO DE LINEAMIENTOS…". */
  subitems: z.array(z.string().min(1)).default([]),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const DocumentStatus = z.enum(['presentado', 'aprobado', 'rechazado', 'retirado']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const SessionDocument = z.object({
  id: Id,
  /** "Consecutivo" column: 1, 2, 3… */
  consecutive: z.number().int().positive(),
  title: z.string().min(1).max(1000),
  status: DocumentStatus,
  /** Grammatical gender of the document noun, so the status reads "Aprobada" for an acta. */
  feminine: z.boolean().default(false),
  /** "Fecha de sesión": the session the document belongs to (an approved acta keeps its own date). */
  sessionDate: IsoDate,
  agendaItemId: Id.optional(),
});
export type SessionDocument = z.infer<typeof SessionDocument>;

export const Attendance = z.object({ memberId: Id, present: z.boolean() });

export const VoteResult = z.enum(['unanimidad', 'mayoria', 'rechazado']);
export const Vote = z.object({
  agendaItemId: Id,
  result: VoteResult,
  inFavor: z.number().int().min(0),
  against: z.number().int().min(0),
  abstentions: z.number().int().min(0),
});
export type Vote = z.infer<typeof Vote>;

export const Session = RecordMeta.extend({
  commissionId: Id,
  type: SessionType,
  /** Sequential per commission and year across types. */
  number: z.number().int().positive(),
  year: z.number().int().min(1990).max(2100),
  /** e.g. IEM-CMI-SEORD-03/2023; derived from the fields above, stored for search and export. */
  key: z.string().regex(/^[A-Z]+-[A-Z]+-SE[A-Z]+-\d{2,}\/\d{4}$/, 'Clave de sesión inválida'),
  date: IsoDate,
  modality: Modality,
  status: SessionStatus,
  agenda: z.array(AgendaItem),
  documents: z.array(SessionDocument),
  attendance: z.array(Attendance),
  votes: z.array(Vote),
  /** Free narrative as in the reports ("Se da cuenta de tres informes presentados…"). */
  summary: z.string().default(''),
});
export type Session = z.infer<typeof Session>;

/** One window for an ordinary session, as the annual calendar states it. */
export const CalendarEntry = z.object({
  month: z.number().int().min(1).max(12),
  from: IsoDate,
  to: IsoDate,
  /** As printed: "Del lunes 27 al viernes 31". */
  label: z.string().min(1),
});

export const SessionCalendar = RecordMeta.extend({
  commissionId: Id,
  year: z.number().int().min(1990).max(2100),
  title: z.string().min(1),
  entries: z.array(CalendarEntry),
  note: z.string().default(''),
});
export type SessionCalendar = z.infer<typeof SessionCalendar>;
