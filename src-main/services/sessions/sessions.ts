import type { SessionDetail, SessionSummary } from '../../../src-shared/contract/calls.js';
import { contract } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { Session } from '../../../src-shared/domain/index.js';
import { sessionKey } from '../../../src-shared/format.js';
import { defineMutation, type Store } from '../store/store.js';

export function listSessions(store: Store, filter: { commissionId?: string; year?: number }): SessionSummary[] {
  const acronyms = new Map(store.all('commissions').map((c) => [c.id, c.acronym]));
  return store
    .all('sessions')
    .filter((s) => (!filter.commissionId || s.commissionId === filter.commissionId) && (!filter.year || s.year === filter.year))
    .sort((a, b) => b.date.localeCompare(a.date) || b.number - a.number)
    .map((s) => ({
      id: s.id,
      key: s.key,
      type: s.type,
      date: s.date,
      modality: s.modality,
      status: s.status,
      commissionId: s.commissionId,
      commissionAcronym: acronyms.get(s.commissionId) ?? '',
      agendaCount: s.agenda.length,
    }));
}

export function getSession(store: Store, id: string): SessionDetail {
  const session = store.get('sessions', id);
  if (!session) throw new AppError('NOT_FOUND', 'La sesión solicitada no existe.');
  const commission = store.get('commissions', session.commissionId);
  if (!commission) throw new AppError('NOT_FOUND', 'La comisión de esta sesión no existe.');
  return { session, commission };
}

/** Numbers are sequential per commission and year across session types. */
function nextNumber(sessions: Session[], commissionId: string, year: number): number {
  return 1 + Math.max(0, ...sessions.filter((s) => s.commissionId === commissionId && s.year === year).map((s) => s.number));
}

export const createSession = defineMutation({
  name: 'session.create',
  args: contract['sessions.create'].args,
  apply(ctx, args) {
    const commission = ctx.get('commissions', args.commissionId);
    if (!commission) throw new AppError('NOT_FOUND', 'La comisión indicada no existe.');
    const year = Number(args.date.slice(0, 4));
    const number = nextNumber(ctx.all('sessions'), commission.id, year);
    const record = {
      id: ctx.newId(),
      commissionId: commission.id,
      type: args.type,
      number,
      year,
      key: sessionKey(commission.instituteAcronym, commission.acronym, args.type, number, year),
      date: args.date,
      modality: args.modality,
      status: 'programada' as const,
      agenda: args.agenda.map((text) => ({ id: ctx.newId(), text, subitems: [] })),
      documents: [],
      attendance: commission.members.map((m) => ({ memberId: m.id, present: false })),
      votes: [],
      summary: '',
    };
    return {
      puts: [{ collection: 'sessions', record }],
      result: (stamped) => stamped[0]!.record as unknown as Session,
    };
  },
});

export const setSessionStatus = defineMutation({
  name: 'session.setStatus',
  args: contract['sessions.setStatus'].args,
  apply(ctx, args) {
    const session = ctx.get('sessions', args.id);
    if (!session) throw new AppError('NOT_FOUND', 'La sesión solicitada no existe.');
    return {
      puts: [{ collection: 'sessions', record: { ...session, status: args.status } }],
      result: (stamped) => stamped[0]!.record as unknown as Session,
    };
  },
});
