import { z } from 'zod';
import { Id, IsoDate, RecordMeta } from './common.js';

export const SessionType = z.enum(['ordinaria', 'extraordinaria', 'extraordinaria_urgente']);
export type SessionType = z.infer<typeof SessionType>;

export const Modality = z.enum(['presencial', 'virtual', 'hibrida']);
export type Modality = z.infer<typeof Modality>;

/** programada → convocada (notice sent; the key is then fixed) → celebrada; or cancelada, with a reason. */
export const SessionStatus = z.enum(['programada', 'convocada', 'celebrada', 'cancelada']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const AgendaItem = z.object({
  id: Id,
  /** Text after the ordinal ("LECTURA DEL PROYECTO DE ACTA…"); the ordinal is derived from position. */
  text: z.string().min(1).max(4000),
  /** Numbered sub-points such as "2.1 PROYECTO DE LINEAMIENTOS…". */
  subitems: z.array(z.string().min(1)).default([]),
  /** 'aprobacion' items read a former session's minutes for approval; that session is `approvesSessionId`. */
  kind: z.enum(['punto', 'aprobacion', 'asuntos_generales']).default('punto'),
  approvesSessionId: Id.optional(),
  /** The technical secretary's notes taken during the session. */
  notes: z.string().max(20000).default(''),
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
  /** The attached file in blobs/ (PDF, DOCX, image), when one was attached. */
  blob: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  fileName: z.string().max(200).optional(),
  mime: z.string().max(120).optional(),
});
export type SessionDocument = z.infer<typeof SessionDocument>;

export const Attendance = z.object({ memberId: Id, present: z.boolean() });

export const BallotValue = z.enum(['a_favor', 'en_contra', 'abstencion']);
export const Ballot = z.object({ agendaItemId: Id, memberId: Id, ballot: BallotValue });
export type Ballot = z.infer<typeof Ballot>;

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
  /** "10:00"; empty when not set yet. */
  time: z.string().regex(/^(|([01]\d|2[0-3]):[0-5]\d)$/, 'Hora inválida: se espera HH:MM').default(''),
  /** Room for presencial sessions, the meeting link for virtual ones, both for híbrida. */
  place: z.string().max(500).default(''),
  /** Each member's ballot on each item; `votes` holds the computed result once every present voter voted. */
  ballots: z.array(Ballot).default([]),
  cancelReason: z.string().max(2000).optional(),
  convenedAt: z.string().optional(),
  /** Keys this session had before a confirmed renumbering (never silent once convened). */
  previousKeys: z.array(z.string()).default([]),
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
