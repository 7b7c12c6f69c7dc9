/**
 * What an office's reviewer (role `revisor`, issue 13) may sync: the guidelines that hold a review
 * round sent to its office, their drafts' text, the commission's own record, those rounds (each
 * showing only the office's entry), and its office's comments, replies and answers in them, which
 * are records of their own. It may write only those comment and answer records; never a
 * guideline's fields, another office's record, a resolution or a decision. Everything else is
 * refused (403) or never sent. Rounds kept inside a guideline record by laptops from before are
 * read there too.
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

const ONLY_REVIEW = 'Su cuenta de revisión solo puede enviar comentarios y respuestas a las rondas de revisión de su oficina.';
const NOT_SENT = 'Esa ronda de revisión no fue enviada a su oficina.';
const NOT_YOURS = 'Ese comentario o respuesta es de otra oficina: su cuenta de revisión no puede modificarlo.';
const NO_DECISION = 'Resolver un comentario o decidir un cambio sugerido corresponde a la secretaría técnica, no a la cuenta de revisión.';

/** What a reviewer may write of each record it may write. */
const WRITABLE: Record<string, Set<string>> = {
  guidelineComments: new Set(['guidelineId', 'parentId', 'roundId', 'office', 'articleUid', 'quote', 'replacement', 'suggestion', 'by', 'at', 'text']),
  guidelineAnswers: new Set(['guidelineId', 'roundId', 'office', 'answeredAt', 'answeredBy']),
};

const asArray = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const isOffice = (key: string) => (o: { name?: string; office?: string }) => officeKey(o.name ?? o.office ?? '') === key;
const hasOffice = (key: string) => (name: unknown) => typeof name === 'string' && officeKey(name) === key;

/** The rounds of a guideline sent to the office, each reduced to that office's entry. */
function roundsFor(rounds: unknown, key: string): Round[] {
  return asArray<Round>(rounds)
    .filter((r) => asArray<Office>(r.offices).some(isOffice(key)))
    .map((r) => ({ ...r, offices: asArray<Office>(r.offices).filter(isOffice(key)) }));
}

/** A record's fields as the office's reviewer may see them (only records in its scope reach here). */
export function reviewerFields(collection: string, fields: Json, office: string): Json {
  const key = officeKey(office);
  const out = { ...fields };
  if (collection === 'guidelineRounds') {
    if ('offices' in out) out.offices = asArray<unknown>(out.offices).filter(hasOffice(key));
    return out;
  }
  if (collection !== 'guidelines') return out;
  if ('rounds' in out) out.rounds = roundsFor(out.rounds, key);
  if ('comments' in out) out.comments = asArray<Comment>(out.comments).filter(isOffice(key));
  // Named versions point at files a reviewer may not download; the round's text is the body.
  delete out.versions;
  return out;
}

/** The rounds sent to the office, by id, with their guideline: round records and the old arrays. */
async function officeRounds(sql: Sql, commission: string, key: string): Promise<{ rounds: Map<string, string>; guidelines: Map<string, { draftId: unknown; entered: number }> }> {
  const rounds = new Map<string, string>();
  const guidelines = new Map<string, { draftId: unknown; entered: number }>();
  const { rows } = await sql.query<{ id: string; fields: Json }>(
    `SELECT id, fields FROM records WHERE commission = $1 AND collection = 'guidelines' AND NOT deleted`,
    [commission],
  );
  const byId = new Map(rows.map((r) => [r.id, r.fields]));
  const entered = new Map<string, number>();
  // Rounds of laptops from before, inside the guideline record: it came into scope with the first put that held one.
  const legacy = rows.filter((r) => roundsFor(r.fields.rounds, key).length);
  if (legacy.length) {
    const { rows: puts } = await sql.query<{ seq: string; record_id: string; rounds: unknown }>(
      `SELECT seq::text, record_id, payload->'fields'->'rounds' AS rounds FROM changes
        WHERE commission = $1 AND collection = 'guidelines' AND type = 'put' AND record_id = ANY($2::text[])
          AND payload->'fields'->'rounds' IS NOT NULL
        ORDER BY changes.seq`,
      [commission, legacy.map((r) => r.id)],
    );
    for (const p of puts) if (!entered.has(p.record_id) && roundsFor(p.rounds, key).length) entered.set(p.record_id, Number(p.seq));
    for (const g of legacy) for (const r of roundsFor(g.fields.rounds, key)) if (typeof r.id === 'string') rounds.set(r.id, g.id);
  }
  // Round records: the guideline came into scope with the first round record sent to the office.
  const { rows: records } = await sql.query<{ id: string; fields: Json; first: string }>(
    `SELECT r.id, r.fields, (SELECT min(c.seq) FROM changes c WHERE c.commission = r.commission AND c.collection = r.collection AND c.record_id = r.id)::text AS first
       FROM records r WHERE r.commission = $1 AND r.collection = 'guidelineRounds' AND NOT r.deleted`,
    [commission],
  );
  for (const r of records) {
    const g = r.fields.guidelineId;
    if (typeof g !== 'string' || !byId.has(g) || !asArray<unknown>(r.fields.offices).some(hasOffice(key))) continue;
    rounds.set(r.id, g);
    const seq = Number(r.first ?? 0);
    entered.set(g, Math.min(entered.get(g) ?? seq, seq));
  }
  for (const [g, seq] of entered) guidelines.set(g, { draftId: byId.get(g)?.draftId, entered: seq });
  return { rounds, guidelines };
}

/**
 * The records in the office's scope ("collection\0id"), each with the sequence number of the
 * change that brought it in: for a guideline and its draft, the first change that gave the
 * guideline a round for this office. A pull that reaches that change also gets the record's
 * earlier history, which the reviewer's cursor passed over while the record was out of scope.
 * Rounds, comments and answers are in scope from their first change (0: nothing earlier).
 */
export async function reviewScope(sql: Sql, commission: string, office: string): Promise<Map<string, number>> {
  const key = officeKey(office);
  const scope = new Map<string, number>();
  const { rounds, guidelines } = await officeRounds(sql, commission, key);
  if (!guidelines.size) return scope;
  for (const [id, g] of guidelines) {
    scope.set(`guidelines\u0000${id}`, g.entered);
    if (typeof g.draftId === 'string') scope.set(`drafts\u0000${g.draftId}`, g.entered);
  }
  for (const id of rounds.keys()) scope.set(`guidelineRounds\u0000${id}`, 0);
  const { rows } = await sql.query<{ collection: string; id: string; fields: Json }>(
    `SELECT collection, id, fields FROM records
      WHERE commission = $1 AND collection IN ('guidelineComments', 'guidelineAnswers') AND NOT deleted AND fields->>'guidelineId' = ANY($2::text[])`,
    [commission, [...guidelines.keys()]],
  );
  for (const r of rows) {
    if (hasOffice(key)(r.fields.office) && rounds.get(String(r.fields.roundId)) === r.fields.guidelineId) scope.set(`${r.collection}\u0000${r.id}`, 0);
  }
  return scope;
}

/**
 * A reviewer's push, checked whole before anything is stored: only puts of comment and answer
 * records of its office, in a round sent to it, on that round's guideline, with the fields a
 * reviewer writes; a record the server holds for another office (or any other record) is refused.
 */
export async function checkReviewerPush(sql: Sql, commission: string, office: string, mutations: Mutation[], held: (m: Mutation) => MergedRecord | undefined): Promise<void> {
  const key = officeKey(office);
  let rounds: Map<string, string> | undefined;
  for (const m of mutations) {
    const writable = m.type === 'put' ? WRITABLE[m.collection] : undefined;
    if (m.type !== 'put' || !writable) throw new ServerError(403, 'FORBIDDEN', ONLY_REVIEW, m.mutationId);
    rounds ??= (await officeRounds(sql, commission, key)).rounds;
    const record = held(m);
    if (record && (record.deleted || !hasOffice(key)(record.fields.office) || !rounds.has(String(record.fields.roundId)))) throw new ServerError(403, 'FORBIDDEN', NOT_YOURS, m.mutationId);
    if (Object.keys(m.fields).some((f) => !writable.has(f))) {
      throw new ServerError(403, 'FORBIDDEN', 'resolved' in m.fields ? NO_DECISION : ONLY_REVIEW, m.mutationId);
    }
    if (m.fields.suggestion !== undefined && m.fields.suggestion !== 'pendiente') throw new ServerError(403, 'FORBIDDEN', NO_DECISION, m.mutationId);
    const merged = { ...record?.fields, ...m.fields };
    if (!hasOffice(key)(merged.office)) throw new ServerError(403, 'FORBIDDEN', NOT_YOURS, m.mutationId);
    if (rounds.get(String(merged.roundId)) !== merged.guidelineId) throw new ServerError(403, 'FORBIDDEN', NOT_SENT, m.mutationId);
    // A reply goes only under a comment of its own office (one in this push or on the server).
    if (typeof merged.parentId === 'string' && !(await ownComment(sql, commission, key, merged.parentId, mutations))) throw new ServerError(403, 'FORBIDDEN', NOT_YOURS, m.mutationId);
  }
}

async function ownComment(sql: Sql, commission: string, key: string, id: string, mutations: Mutation[]): Promise<boolean> {
  if (mutations.some((m) => m.type === 'put' && m.collection === 'guidelineComments' && m.id === id && hasOffice(key)(m.fields.office) && !m.fields.parentId)) return true;
  const { rows } = await sql.query<{ fields: Json }>(`SELECT fields FROM records WHERE commission = $1 AND collection = 'guidelineComments' AND id = $2 AND NOT deleted`, [commission, id]);
  const parent = rows[0]?.fields;
  return Boolean(parent && hasOffice(key)(parent.office) && !parent.parentId);
}
