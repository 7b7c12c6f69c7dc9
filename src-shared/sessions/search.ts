import type { SessionType } from '../domain/index.js';
import { formatDate, SESSION_TYPE_LABEL } from '../format.js';

/** What the session search looks at; both a stored session and a list row have it. */
export interface SearchableSession {
  key: string;
  type: SessionType;
  date: string;
  place: string;
  agenda: readonly { text: string; subitems?: readonly string[] }[];
}

/** Lower case without accents, so "sesion" finds "SESIÓN". */
export const foldText = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The session's key, type, date (2023-09-29, 29/09/2023, "29 de septiembre de 2023"), place and agenda, folded. */
export function sessionSearchText(s: SearchableSession): string {
  const [y, m, d] = s.date.split('-');
  return foldText(
    [s.key, SESSION_TYPE_LABEL[s.type], s.date, `${d}/${m}/${y}`, formatDate(s.date), s.place, ...s.agenda.flatMap((a) => [a.text, ...(a.subitems ?? [])])].join('\n'),
  );
}

const wordsOf = (query: string) => foldText(query).split(/\s+/).filter(Boolean);

/** Every word of the query appears somewhere in the session (an empty query matches all). */
export function matchesSession(s: SearchableSession, query: string): boolean {
  const words = wordsOf(query);
  if (!words.length) return true;
  const text = sessionSearchText(s);
  return words.every((w) => text.includes(w));
}

/**
 * Matching sessions, those whose key holds the query first: "SEORD-06" lists that session above
 * the later one whose agenda reads its acta for approval.
 */
export function searchSessions<T extends SearchableSession>(rows: readonly T[], query: string): T[] {
  const words = wordsOf(query);
  const found = rows.filter((s) => matchesSession(s, query));
  if (!words.length) return found;
  const inKey = (s: T) => words.every((w) => foldText(s.key).includes(w));
  return [...found.filter(inKey), ...found.filter((s) => !inKey(s))];
}
