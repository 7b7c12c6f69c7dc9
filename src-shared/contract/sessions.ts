import { z } from 'zod';
import { Commission, Id, IsoDate, Modality, Session, SessionCalendar, SessionStatus, SessionType } from '../domain/index.js';
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
}

export interface SessionDetail {
  session: Session;
  commission: Commission;
}

/** Commissions, their sessions and their calendars of ordinary sessions. */
export const sessionsCalls = {
  'commissions.list': call<Commission[]>()(NoArgs),
  'sessions.list': call<SessionSummary[]>()(
    z.object({ commissionId: Id.optional(), year: Year.optional() }).strict(),
  ),
  'sessions.get': call<SessionDetail>()(z.object({ id: Id }).strict()),
  'sessions.create': call<Session>()(
    z
      .object({
        commissionId: Id,
        type: SessionType,
        date: IsoDate,
        modality: Modality,
        agenda: z
          .array(z.string().trim().min(1, 'Un punto del orden del día está vacío').max(4000))
          .min(1, 'El orden del día necesita al menos un punto')
          .max(20, 'El orden del día admite hasta 20 puntos'),
      })
      .strict(),
    true,
  ),
  'sessions.setStatus': call<Session>()(z.object({ id: Id, status: SessionStatus }).strict(), true),
  'calendars.list': call<z.infer<typeof SessionCalendar>[]>()(
    z.object({ commissionId: Id.optional() }).strict(),
  ),
};
