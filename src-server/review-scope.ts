/**
 * What an office's reviewer (role `revisor`, issue 13) may sync: the guidelines that hold a review
 * round sent to its office, their drafts' text, and the commission's own record. Of a guideline it
 * sees only its office's rounds and comments, and it may change only those: its comments,
 * suggestions and answer. Everything else is refused (403) or never sent.
 */
import { officeKey, type Mutation } from '../src-shared/sync/protocol.js';
import type { MergedRecord } from '../src-shared/sync/merge.js';
import type { Sql } from './db.js';
import { ServerError } from './errors.js';

type Json = Record<string, unknown>;
interface Office {
  name?: string;
  answeredAt?: string;
  answeredBy?: string;
}
interface Round {
  id?: string;
  offices?: Office[];
}
interface Comment {
  id?: string;
  office?: string;
  roundId?: string;
}

const REVIEW_FIELDS = new Set(['comments', 'rounds', 'updatedAt', 'updatedBy']);
const ONLY_REVIEW = 'Su cuenta de revisión solo puede enviar comentarios y respuestas a las rondas de revisión de su oficina.';
const NOT_SENT = 'Esa ronda de revisión no fue enviada a su oficina.';

const asArray = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const isOffice = (key: string) => (o: { name?: string; office?: string }) => officeKey(o.name ?? o.office ?? '') === key;

/** The rounds of a guideline sent to the office, each reduced to that office's entry. */
function roundsFor(rounds: unknown, key: string): Round[] {
  return asArray<Round>(rounds)
    .filter((r) => asArray<Office>(r.offices).some(isOffice(key)))
    .map((r) => ({ ...r, offices: asArray<Office>(r.offices).filter(isOffice(key)) }));
}

/** A guideline's fields as the office's reviewer may see them. */
export function reviewerFields(fields: Json, office: string): Json {
  const key = officeKey(office);
  const out = { ...fields };
  if ('rounds' in out) out.rounds = roundsFor(out.rounds, key);
  if ('comments' in out) out.comments = asArray<Comment>(out.comments).filter(isOffice(key));
  // Named versions point at files a reviewer may not download; the round's text is the body.
  delete out.versions;
  return out;
}

/**
 * The records in the office's scope ("collection\0id"), each with the sequence number of the
 * change that brought it in: the first put that gave its guideline a round for this office.
 * A pull that reaches that change also gets the record's earlier history, which the reviewer's
 * cursor passed over while the record was out of scope.
 */
export async function reviewScope(sql: Sql, commission: string, office: string): Promise<Map<string, number>> {
  const key = officeKey(office);
  const scope = new Map<string, number>();
  const { rows } = await sql.query<{ id: string; fields: Json }>(
    `SELECT id, fields FROM records WHERE commission = $1 AND collection = 'guidelines' AND NOT deleted`,
    [commission],
  );
  const current = rows.filter((r) => roundsFor(r.fields.rounds, key).length);
  if (!current.length) return scope;
  const { rows: puts } = await sql.query<{ seq: string; record_id: string; rounds: unknown }>(
    `SELECT seq::text, record_id, payload->'fields'->'rounds' AS rounds FROM changes
      WHERE commission = $1 AND collection = 'guidelines' AND type = 'put' AND record_id = ANY($2::text[])
        AND payload->'fields'->'rounds' IS NOT NULL
      ORDER BY changes.seq`,
    [commission, current.map((r) => r.id)],
  );
  const entered = new Map<string, number>();
  for (const p of puts) if (!entered.has(p.record_id) && roundsFor(p.rounds, key).length) entered.set(p.record_id, Number(p.seq));
  for (const g of current) {
    const seq = entered.get(g.id) ?? 0;
    scope.set(`guidelines\u0000${g.id}`, seq);
    if (typeof g.fields.draftId === 'string') scope.set(`drafts\u0000${g.fields.draftId}`, seq);
  }
  return scope;
}

/** An HLC stamp just after `stamp`, from `node`: the server's merge of a reviewer's answer must win over what it merged. */
function after(stamp: string, node: string): string {
  const [ms, counter] = stamp.split('-') as [string, string];
  const next = Number(counter) + 1;
  return next > 9999 ? `${String(Number(ms) + 1).padStart(13, '0')}-0000-${node}` : `${ms}-${String(next).padStart(4, '0')}-${node}`;
}

/**
 * A reviewer's push, checked and merged into the record the server holds: its office's comments
 * replace that office's comments (others' are kept as they are, whatever the laptop sent), and its
 * answer is set on its own office's entry only, once. The stored change carries the merged values,
 * so every laptop converges on them.
 */
export function reviewerMutation(m: Mutation, record: MergedRecord | undefined, office: string): Mutation {
  if (m.type !== 'put' || m.collection !== 'guidelines') throw new ServerError(403, 'FORBIDDEN', ONLY_REVIEW, m.mutationId);
  if (Object.keys(m.fields).some((f) => !REVIEW_FIELDS.has(f))) throw new ServerError(403, 'FORBIDDEN', ONLY_REVIEW, m.mutationId);
  const key = officeKey(office);
  const mine = record && !record.deleted ? roundsFor(record.fields.rounds, key) : [];
  if (!mine.length) throw new ServerError(403, 'FORBIDDEN', NOT_SENT, m.mutationId);
  const roundIds = new Set(mine.map((r) => r.id));
  const fields: Json = { ...m.fields };
  if ('comments' in fields) {
    const sent = asArray<Comment>(fields.comments).filter(isOffice(key));
    if (sent.some((c) => !roundIds.has(c.roundId))) throw new ServerError(403, 'FORBIDDEN', NOT_SENT, m.mutationId);
    const held = asArray<Comment>(record!.fields.comments);
    const byId = new Map(sent.map((c) => [c.id, c]));
    const kept = held.map((c) => (isOffice(key)(c) ? byId.get(c.id) : c)).filter((c): c is Comment => c !== undefined);
    const known = new Set(held.map((c) => c.id));
    fields.comments = [...kept, ...sent.filter((c) => !known.has(c.id))];
  }
  if ('rounds' in fields) {
    const sent = new Map(roundsFor(fields.rounds, key).map((r) => [r.id, r.offices![0]!]));
    fields.rounds = asArray<Round>(record!.fields.rounds).map((r) => ({
      ...r,
      offices: asArray<Office>(r.offices).map((o) => {
        const answer = sent.get(r.id);
        // An answer is given once: what the server holds stays.
        if (!isOffice(key)(o) || o.answeredAt || !answer?.answeredAt) return o;
        return { ...o, answeredAt: answer.answeredAt, ...(answer.answeredBy ? { answeredBy: answer.answeredBy } : {}) };
      }),
    }));
  }
  let hlc = m.hlc;
  for (const f of Object.keys(fields)) {
    const stamp = record!.stamps[f];
    if (stamp !== undefined && stamp >= hlc) hlc = after(stamp, m.hlc.split('-')[2]!);
  }
  return { ...m, hlc, fields: fields as typeof m.fields };
}
