import { z } from 'zod';
import type { SessionDetail, SessionSummary } from '../../../src-shared/contract/calls.js';
import { contract } from '../../../src-shared/contract/calls.js';
import { seatedOn, type Commission, type Session } from '../../../src-shared/domain/index.js';
import { formatDate, sessionKey } from '../../../src-shared/format.js';
import { matchesSession } from '../../../src-shared/sessions/search.js';
import { votes } from '../../../src-shared/sessions/voting.js';
import { instituteSettings } from '../commissions/institute.js';
import { defineMutation, type MutationContext, type Put, type Store } from '../store/store.js';
import { refuse } from './errors.js';
import { computedVotes, itemResults, sessionQuorum, sessionWarnings } from './rules.js';

export function listSessions(store: Store, filter: z.output<(typeof contract)['sessions.list']['args']>): SessionSummary[] {
  const acronyms = new Map(store.all('commissions').map((c) => [c.id, c.acronym]));
  return store
    .all('sessions')
    .filter(
      (s) =>
        (!filter.commissionId || s.commissionId === filter.commissionId) &&
        (!filter.year || s.year === filter.year) &&
        (!filter.type || s.type === filter.type) &&
        (!filter.status || s.status === filter.status) &&
        (!filter.q || matchesSession(s, filter.q)),
    )
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
      place: s.place,
      agenda: s.agenda.map((a) => ({ text: a.text, subitems: a.subitems })),
    }));
}

type Reader = Pick<MutationContext, 'get' | 'all'>;

/** The commission as it sat on `date`: members whose period covers that day. */
export function sittingOn(commission: Commission, date: string): Commission {
  return { ...commission, members: commission.members.filter((m) => seatedOn(m, date)) };
}

export function sessionAndCommission(ctx: Reader, id: string) {
  const session = ctx.get('sessions', id);
  if (!session) return refuse('NOT_FOUND', 'La sesión solicitada no existe.', `session ${id} not found`);
  const commission = ctx.get('commissions', session.commissionId);
  if (!commission) return refuse('NOT_FOUND', 'La comisión de esta sesión no existe.', 'the session\'s commission does not exist');
  return { session, commission: sittingOn(commission, session.date) };
}

/** Sessions of the same commission, held before this one, whose acta exists: what an approval item may point at. */
export function approvableSessions(ctx: Reader, session: Session) {
  const withMinutes = new Set(ctx.all('minutes').map((m) => m.sessionId));
  return ctx
    .all('sessions')
    .filter((s) => s.commissionId === session.commissionId && s.id !== session.id && s.date <= session.date && withMinutes.has(s.id))
    .sort((a, b) => b.date.localeCompare(a.date))
    .map((s) => ({ id: s.id, key: s.key, date: s.date }));
}

export function getSession(store: Store, id: string): SessionDetail {
  const { session, commission } = sessionAndCommission(store, id);
  const convocatoria = store.all('documents').find((d) => d.kind === 'convocatoria' && d.sessionId === session.id);
  const current = currentMinutes(store, session.id);
  return {
    session,
    commission,
    quorum: sessionQuorum(session, commission),
    results: itemResults(session, commission),
    warnings: sessionWarnings(session, store.all('calendars')),
    convocatoriaId: convocatoria?.id ?? null,
    minutes: current ? { id: current.id, status: current.status } : null,
    approvable: approvableSessions(store, session),
  };
}

/** Numbers are sequential per commission and year across session types. */
function nextNumber(sessions: Session[], commissionId: string, year: number, except?: string): number {
  return 1 + Math.max(0, ...sessions.filter((s) => s.commissionId === commissionId && s.year === year && s.id !== except).map((s) => s.number));
}

function checkKeyFree(ctx: Reader, key: string, except?: string): void {
  if (ctx.all('sessions').some((s) => s.key === key && s.id !== except)) {
    refuse('CONFLICT', `Ya existe una sesión con la clave ${key}.`, `a session with key ${key} already exists`);
  }
}

/** The institute part of an existing key (IEM in IEM-CMI-SEORD-03/2023): acronyms have no hyphen. */
const instituteOfKey = (key: string) => key.slice(0, key.indexOf('-'));

const putSession = (record: Session): { puts: Put[]; result: (stamped: { record: unknown }[]) => Session } => ({
  puts: [{ collection: 'sessions', record }],
  result: (stamped) => stamped[0]!.record as Session,
});

export const createSession = defineMutation({
  name: 'session.create',
  args: contract['sessions.create'].args,
  apply(ctx, args) {
    const commission = ctx.get('commissions', args.commissionId);
    if (!commission) return refuse('NOT_FOUND', 'La comisión indicada no existe.', 'no such commission');
    const year = Number(args.date.slice(0, 4));
    const number = args.number ?? nextNumber(ctx.all('sessions'), commission.id, year);
    // The institute's acronym as set now: a later change of the setting gives later keys, never this one.
    const key = sessionKey(instituteSettings(ctx).acronym, commission.acronym, args.type, number, year);
    checkKeyFree(ctx, key);
    return putSession({
      id: ctx.newId(),
      hlc: '',
      commissionId: commission.id,
      type: args.type,
      number,
      year,
      key,
      date: args.date,
      time: args.time ?? '',
      modality: args.modality,
      place: args.place ?? '',
      status: 'programada',
      agenda: (args.agenda ?? []).map((text) => ({ id: ctx.newId(), text, subitems: [], kind: 'punto' as const, notes: '' })),
      documents: [],
      attendance: sittingOn(commission, args.date).members.map((m) => ({ memberId: m.id, present: false })),
      ballots: [],
      votes: [],
      summary: '',
      previousKeys: [],
    });
  },
});

export const updateSession = defineMutation({
  name: 'session.update',
  args: contract['sessions.update'].args,
  apply(ctx, args) {
    const { session, commission } = sessionAndCommission(ctx, args.id);
    if (session.status === 'cancelada') refuse('CONFLICT', 'La sesión está cancelada; no puede modificarse.', 'the session is cancelled');
    const type = args.type ?? session.type;
    const date = args.date ?? session.date;
    const year = Number(date.slice(0, 4));
    const number = year === session.year ? session.number : nextNumber(ctx.all('sessions'), commission.id, year, session.id);
    const key = sessionKey(instituteOfKey(session.key), commission.acronym, type, number, year);
    const renumbered = key !== session.key;
    if (renumbered && session.status !== 'programada' && !args.confirmRenumber) {
      refuse(
        'CONFLICT',
        `La sesión ya fue convocada con la clave ${session.key}; este cambio la volvería ${key}. Confirme el cambio de clave para continuar.`,
        `the session was convened as ${session.key}; this change would renumber it to ${key}: confirm the renumbering`,
      );
    }
    if (renumbered) checkKeyFree(ctx, key, session.id);
    return putSession({
      ...session,
      type,
      date,
      year,
      number,
      key,
      time: args.time ?? session.time,
      modality: args.modality ?? session.modality,
      place: args.place ?? session.place,
      previousKeys: renumbered && session.status !== 'programada' ? [...session.previousKeys, session.key] : session.previousKeys,
    });
  },
});

export const setSessionStatus = defineMutation({
  name: 'session.setStatus',
  args: contract['sessions.setStatus'].args,
  apply(ctx, args) {
    const { session } = sessionAndCommission(ctx, args.id);
    return putSession({ ...session, status: args.status });
  },
});

/**
 * `sessions.setStatus` as callers outside the app's own flows reach it: a cancellation needs its
 * reason (`sessions.cancel`) and a cancelled session stays cancelled.
 */
export const changeSessionStatus = defineMutation({
  name: 'session.setStatus',
  args: contract['sessions.setStatus'].args,
  apply(ctx, args) {
    const { session } = sessionAndCommission(ctx, args.id);
    if (args.status === 'cancelada' && session.status !== 'cancelada') {
      refuse('INVALID_ARGUMENT', 'Para cancelar una sesión indique el motivo (Cancelar sesión).', 'cancelling a session needs a reason: use sessions.cancel');
    }
    if (session.status === 'cancelada' && args.status !== 'cancelada') refuse('CONFLICT', 'La sesión está cancelada.', 'the session is cancelled');
    return putSession({ ...session, status: args.status });
  },
});

export const cancelSession = defineMutation({
  name: 'session.cancel',
  args: contract['sessions.cancel'].args,
  apply(ctx, args) {
    const { session } = sessionAndCommission(ctx, args.id);
    if (session.status === 'cancelada') refuse('CONFLICT', 'La sesión ya está cancelada.', 'the session is already cancelled');
    if (session.status === 'celebrada') refuse('CONFLICT', 'La sesión ya se celebró; no puede cancelarse.', 'the session was already held');
    return putSession({ ...session, status: 'cancelada', cancelReason: args.reason });
  },
});

export const setAttendance = defineMutation({
  name: 'session.attendance',
  args: contract['sessions.attendance'].args,
  apply(ctx, args) {
    const { session, commission } = sessionAndCommission(ctx, args.id);
    if (session.status === 'cancelada') refuse('CONFLICT', 'La sesión está cancelada.', 'the session is cancelled');
    if (!commission.members.some((m) => m.id === args.memberId)) {
      refuse('INVALID_ARGUMENT', 'Esa persona no integra la comisión.', 'that person is not a member of the commission');
    }
    const attendance = commission.members.map((m) => ({
      memberId: m.id,
      present: m.id === args.memberId ? args.present : (session.attendance.find((a) => a.memberId === m.id)?.present ?? false),
    }));
    // Someone who leaves takes no part in the votes still open; a closed vote keeps its ballots.
    const ballots = args.present ? session.ballots : session.ballots.filter((b) => b.memberId !== args.memberId);
    const next = { ...session, attendance, ballots };
    return putSession({ ...next, votes: computedVotes(next, commission) });
  },
});

export const castVote = defineMutation({
  name: 'session.vote',
  args: contract['sessions.vote'].args,
  apply(ctx, args) {
    const { session, commission } = sessionAndCommission(ctx, args.id);
    if (session.status === 'cancelada') refuse('CONFLICT', 'La sesión está cancelada.', 'the session is cancelled');
    const item = session.agenda.find((a) => a.id === args.agendaItemId);
    if (!item) return refuse('NOT_FOUND', 'Ese punto no está en el orden del día.', 'no such agenda item');
    const member = commission.members.find((m) => m.id === args.memberId);
    if (!member) return refuse('INVALID_ARGUMENT', 'Esa persona no integra la comisión.', 'that person is not a member of the commission');
    if (!votes(member)) {
      refuse('INVALID_ARGUMENT', `${member.name} integra la Secretaría Técnica: tiene voz, pero no voto.`, `${member.name} is the technical secretary: voice, no vote`);
    }
    if (!session.attendance.some((a) => a.memberId === member.id && a.present)) {
      refuse('INVALID_ARGUMENT', `${member.name} no está presente; no puede votar.`, `${member.name} is absent and cannot vote`);
    }
    const q = sessionQuorum(session, commission);
    if (!q.met) {
      refuse(
        'CONFLICT',
        `No hay quórum: hay ${q.present} de ${q.voters} integrantes con voto y se necesitan ${q.required}.`,
        `no quorum: ${q.present} of ${q.voters} voting members present, ${q.required} needed`,
      );
    }
    const ballots = [
      ...session.ballots.filter((b) => !(b.agendaItemId === item.id && b.memberId === member.id)),
      { agendaItemId: item.id, memberId: member.id, ballot: args.ballot },
    ];
    const next = { ...session, ballots };
    const votesNow = computedVotes(next, commission);
    const vote = votesNow.find((v) => v.agendaItemId === item.id);
    // The item's documents take the vote's outcome: "Aprobada" when it passes.
    const outcome = !vote ? 'presentado' : vote.result === 'rechazado' ? 'rechazado' : 'aprobado';
    const documents = item.kind === 'aprobacion' ? session.documents.map((d) => (d.agendaItemId === item.id ? { ...d, status: outcome } as const : d)) : session.documents;
    const record = { ...next, documents, votes: votesNow };
    const puts: Put[] = [{ collection: 'sessions', record }];
    // Approving an earlier acta: a passing vote on its approval item approves it.
    if (item.kind === 'aprobacion' && item.approvesSessionId) {
      const minutes = currentMinutes(ctx, item.approvesSessionId);
      if (minutes && (minutes.status === 'presentado' || minutes.status === 'aprobado')) {
        const passed = vote && vote.result !== 'rechazado';
        const approvedBy = passed ? { sessionId: session.id, agendaItemId: item.id, result: vote.result as 'unanimidad' | 'mayoria' } : undefined;
        const status = passed ? 'aprobado' : minutes.status === 'aprobado' ? 'presentado' : minutes.status;
        const { approvedBy: _old, ...rest } = minutes;
        puts.push({ collection: 'minutes', record: { ...rest, status, ...(approvedBy ? { approvedBy } : {}) } });
      }
    }
    return { puts, result: (stamped) => stamped[0]!.record as Session };
  },
});

/** The version of a session's acta that counts: the newest not superseded. */
export function currentMinutes(ctx: Reader, sessionId: string) {
  return ctx
    .all('minutes')
    .filter((m) => m.sessionId === sessionId && !m.supersededById)
    .sort((a, b) => b.version - a.version)[0];
}

export function describeSession(session: Session): string {
  return `${session.key} (${formatDate(session.date)})`;
}
