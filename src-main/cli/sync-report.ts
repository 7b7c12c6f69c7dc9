/**
 * What `sesiona sync` prints beyond what moved: the changes that did not count and the files still
 * on their way, in English as the CLI speaks (the Spanish texts are the screens'). A round that
 * worked still exits 0 with them: they are kept here and shown in Ajustes → Sincronización; a
 * script reads the `not counted …` line.
 */
import type { SignatureConflict } from '../../src-shared/domain/index.js';
import type { LostChange } from '../services/store/lost-change.js';

const WHAT: Record<LostChange['kind'], string> = { put: 'change', body: 'text edit', lock: 'lock' };

/** Titles and reasons come from other laptops and the server: one item stays on one line for scripts. */
// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');

const quoted = (s: string | null | undefined) => (s ? ` "${oneLine(s)}"` : '');

/** One line per change to a record another laptop deleted first. */
export function lostChangeLine(x: LostChange): string {
  const by = x.deletedBy.account ? ` by account "${oneLine(x.deletedBy.account)}"` : '';
  const on = x.deletedBy.at ? ` on ${x.deletedBy.at}` : '';
  const of = x.parent ? ` (its ${x.parent.replace(/s$/, '')} was deleted)` : '';
  return `change not counted: ${WHAT[x.kind]} of ${x.collection}/${x.recordId}${quoted(x.title)} made here on ${x.madeAt}: the record was deleted on another laptop${by}${on}${of}; kept in this folder`;
}

/** One line per *Firmas que no contaron* record this round made. */
export function signatureLine(x: SignatureConflict): string {
  const what = x.attempt.status === 'rechazado' ? 'refusal to sign' : 'signature';
  const head = `${what} not counted: box "${oneLine(x.boxName)}" of "${oneLine(x.documentTitle)}" (documents/${x.documentId})`;
  const kept = 'kept in this folder; the document shows the server\'s version';
  // The server's reason is its own Spanish text: quoted as it came.
  const account = oneLine(x.winner.account);
  if (x.reason) return `${head}: the server refused it (${oneLine(x.reason)}); ${kept}`;
  if (x.winner.status === 'pendiente') return `${head}: made over a version that changed when another signature, sent by account "${account}", reached the server first; the box can be signed again; ${kept}`;
  const first = x.winner.status === 'rechazado' ? 'refused' : 'signed';
  return `${head}: the box was already ${first} on another laptop (account "${account}"), which reached the server first; ${kept}`;
}

export function awaitingLine(a: { sha: string; since: string }): string {
  return `file awaited: ${a.sha} (named by a record received here, not yet on the server; since ${a.since}; asked for again on every sync)`;
}

export function notCountedSummary(changes: number, signatures: number, files: number): string {
  return `not counted ${changes}, signatures not counted ${signatures}, files awaited ${files}`;
}
