import type { Commission, Session, SessionCalendar, Vote } from '../../../src-shared/domain/index.js';
import { formatDate, monthName } from '../../../src-shared/format.js';
import { quorum, tally, VoteError, type Ballot, type Tally } from '../../../src-shared/sessions/voting.js';

export function presentIds(session: Session): Set<string> {
  return new Set(session.attendance.filter((a) => a.present).map((a) => a.memberId));
}

export function sessionQuorum(session: Session, commission: Commission) {
  return quorum(commission.members, presentIds(session));
}

/** Each item's tally once every present voter voted; otherwise what is missing, in Spanish. */
export function itemResults(session: Session, commission: Commission): Record<string, Tally | { pending: string }> {
  const present = presentIds(session);
  const out: Record<string, Tally | { pending: string }> = {};
  for (const item of session.agenda) {
    const ballots = new Map<string, Ballot>(session.ballots.filter((b) => b.agendaItemId === item.id).map((b) => [b.memberId, b.ballot]));
    if (!ballots.size) {
      out[item.id] = { pending: 'Sin votación registrada.' };
      continue;
    }
    try {
      out[item.id] = tally(commission.members, present, ballots);
    } catch (e) {
      if (!(e instanceof VoteError)) throw e;
      out[item.id] = { pending: e.message };
    }
  }
  return out;
}

/** The stored `votes`: one per item whose tally is complete. */
export function computedVotes(session: Session, commission: Commission): Vote[] {
  const results = itemResults(session, commission);
  return session.agenda.flatMap((item) => {
    const r = results[item.id];
    return r && 'result' in r ? [{ agendaItemId: item.id, result: r.result, inFavor: r.inFavor, against: r.against, abstentions: r.abstentions }] : [];
  });
}

const WEEKDAYS = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];

function weekday(iso: string): string {
  return WEEKDAYS[new Date(`${iso}T12:00:00Z`).getUTCDay()]!;
}

/** "Del lunes 27 al viernes 31", as the seed's calendar prints a window. */
export function windowLabel(from: string, to: string): string {
  return `Del ${weekday(from)} ${Number(from.slice(8))} al ${weekday(to)} ${Number(to.slice(8))}`;
}

/** Spanish warnings about a session: an ordinary session outside its calendar window. */
export function sessionWarnings(session: Session, calendars: SessionCalendar[]): string[] {
  if (session.type !== 'ordinaria' || session.status === 'cancelada') return [];
  const calendar = calendars.find((c) => c.commissionId === session.commissionId && c.year === session.year);
  if (!calendar) return [];
  const month = Number(session.date.slice(5, 7));
  const entry = calendar.entries.find((e) => e.month === month);
  if (!entry) {
    return [`El calendario de sesiones ${calendar.year} no prevé sesión ordinaria en ${monthName(month)}; la sesión del ${formatDate(session.date)} queda fuera de calendario.`];
  }
  if (session.date < entry.from || session.date > entry.to) {
    return [`La sesión ordinaria del ${formatDate(session.date)} queda fuera del periodo del calendario para ${monthName(month)} (${entry.label}).`];
  }
  return [];
}
