import { z } from 'zod';
import { Commission, Id, IsoDate, Modality, Session, SessionCalendar, SessionStatus, SessionType } from '../domain/index.js';
import type { Quorum, Tally } from '../sessions/voting.js';
import { BallotValue } from '../domain/index.js';
import { call, NoArgs, Year } from './spec.js';

export interface SessionSummary {
  id: string;
  key: string;
  type: SessionType;
  date: string;
  modality: Modality;
  status: SessionStatus;
  commissionId: string;
  commissionAcronym: string;
  agendaCount: number;
  place: string;
  /** The agenda's text, so the list can be searched on screen. */
  agenda: { text: string; subitems: string[] }[];
}

export interface SessionDetail {
  session: Session;
  commission: Commission;
  quorum: Quorum;
  /** Per agenda item: its tally once complete, or what is still missing. */
  results: Record<string, Tally | { pending: string }>;
  /** Things to look at, in Spanish (an ordinary session outside its calendar window…). */
  warnings: string[];
  /** The convocatoria document, once the session was convened. */
  convocatoriaId: string | null;
  /** The current version of this session's acta, if it has one. */
  minutes: { id: string; status: string } | null;
  /** Sessions of the same commission whose acta can be put to approval in this one. */
  approvable: { id: string; key: string; date: string }[];
}

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Hora inválida: se espera HH:MM, por ejemplo 10:00');
const Place = z.string().trim().max(500, 'El lugar o enlace admite hasta 500 caracteres');
const ItemText = z.string().trim().min(1, 'El punto del orden del día está vacío').max(4000, 'El punto admite hasta 4000 caracteres');

/** Commissions, their sessions and their calendars of ordinary sessions. */
export const sessionsCalls = {
  'commissions.list': call<Commission[]>()(NoArgs),
  'sessions.list': call<SessionSummary[]>()(
    z
      .object({
        commissionId: Id.optional(),
        year: Year.optional(),
        type: SessionType.optional(),
        status: SessionStatus.optional(),
        /** Every word found in the key, type, date, place or agenda, ignoring case and accents. */
        q: z.string().max(200).optional(),
      })
      .strict(),
  ),
  'sessions.get': call<SessionDetail>()(z.object({ id: Id }).strict()),
  'sessions.create': call<Session>()(
    z
      .object({
        commissionId: Id,
        type: SessionType,
        date: IsoDate,
        time: z.union([z.literal(''), Time]).optional(),
        modality: Modality,
        place: Place.optional(),
        /** An explicit number (a session recorded late); refused when its key already exists. */
        number: z.number().int().min(1, 'El número de sesión debe ser positivo').max(999).optional(),
        /** Optional: the agenda is usually built afterwards; given, it needs at least one item. */
        agenda: z.array(ItemText).min(1, 'El orden del día necesita al menos un punto').max(20, 'El orden del día admite hasta 20 puntos').optional(),
      })
      .strict(),
    true,
  ),
  'sessions.update': call<Session>()(
    z
      .object({
        id: Id,
        type: SessionType.optional(),
        date: IsoDate.optional(),
        time: z.union([z.literal(''), Time]).optional(),
        modality: Modality.optional(),
        place: Place.optional(),
        /** Once convened, a change that alters the key needs this, so it never happens silently. */
        confirmRenumber: z.boolean().optional(),
      })
      .strict(),
    true,
  ),
  'sessions.setStatus': call<Session>()(z.object({ id: Id, status: SessionStatus }).strict(), true),
  'sessions.cancel': call<Session>()(
    z.object({ id: Id, reason: z.string().trim().min(1, 'Indique el motivo de la cancelación').max(2000) }).strict(),
    true,
  ),
  /** Marks the session convened and stores its convocatoria PDF as a document ready to sign. */
  'sessions.convene': call<{ session: Session; documentId: string }>()(z.object({ id: Id }).strict(), true),
  'sessions.convocatoriaPdf': call<{ fileName: string; base64: string }>()(z.object({ id: Id }).strict()),
  'sessions.attendance': call<Session>()(z.object({ id: Id, memberId: Id, present: z.boolean() }).strict(), true),
  'sessions.vote': call<Session>()(
    z.object({ id: Id, agendaItemId: Id, memberId: Id, ballot: BallotValue }).strict(),
    true,
  ),
  'calendars.list': call<z.infer<typeof SessionCalendar>[]>()(
    z.object({ commissionId: Id.optional() }).strict(),
  ),
};

export { ItemText };
