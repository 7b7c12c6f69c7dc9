/**
 * A guideline's comments, replies, rounds, answers and versions, each a record of its own
 * (domain/guideline.ts says why). This module gathers them into the arrays screens read, and
 * reads the arrays folders and laptops from before kept inside the guideline record: an entry
 * there counts until a record with its id exists, so an old-shape guideline that arrives later
 * through sync loses nothing, and a record (a resolution, say) wins over the array's copy.
 */
import { createHash } from 'node:crypto';
import { GUIDELINE_PARTS, type Guideline, type GuidelineAnswer, type GuidelineComment, type GuidelineCommentRecord, type GuidelineRecord, type GuidelineVersion, type ReviewRound } from '../../../src-shared/domain/index.js';
import { officeKey } from '../../../src-shared/sync/protocol.js';
import type { MutationContext, Put } from '../store/store.js';
import type { Upgrade } from '../store/upgrades.js';

type Reader = Pick<MutationContext, 'get' | 'all'>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The answer record's id: the same round and office give the same id on every laptop. */
export function answerId(roundId: string, office: string): string {
  const digest = createHash('sha256').update(`${roundId}\n${officeKey(office)}`).digest();
  return Array.from(digest.subarray(0, 26), (b) => CROCKFORD[b % 32]).join('');
}

/** The records of one kind for each guideline, read once per call (a list reads every guideline). */
export interface ReviewIndex {
  comments: Map<string, GuidelineCommentRecord[]>;
  rounds: Map<string, Guideline['rounds']>;
  answers: Map<string, GuidelineAnswer[]>;
  versions: Map<string, GuidelineVersion[]>;
}

function groupBy<T extends { guidelineId: string }>(records: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records) {
    const list = out.get(r.guidelineId);
    if (list) list.push(r);
    else out.set(r.guidelineId, [r]);
  }
  return out;
}

export function reviewIndex(ctx: Reader): ReviewIndex {
  const rounds = new Map<string, ReviewRound[]>();
  for (const r of ctx.all('guidelineRounds')) {
    const list = rounds.get(r.guidelineId) ?? [];
    list.push({ id: r.id, name: r.name, due: r.due, sentAt: r.sentAt, offices: r.offices.map((name) => ({ name })) });
    rounds.set(r.guidelineId, list);
  }
  return {
    comments: groupBy(ctx.all('guidelineComments')),
    rounds,
    answers: groupBy(ctx.all('guidelineAnswers')),
    versions: new Map([...groupBy(ctx.all('guidelineVersions'))].map(([g, vs]) => [g, vs.map(({ guidelineId: _g, hlc: _h, deleted: _d, ...v }) => v)])),
  };
}

const byTime = <T extends { at: string; id: string }>(a: T, b: T) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

function commentOf(r: GuidelineCommentRecord): GuidelineComment {
  const { guidelineId: _g, parentId: _p, hlc: _h, deleted: _d, ...rest } = r;
  return { ...rest, replies: [] };
}

function commentsOf(g: GuidelineRecord, records: GuidelineCommentRecord[]): GuidelineComment[] {
  const known = new Set(records.map((r) => r.id));
  const top = new Map<string, GuidelineComment>();
  for (const r of records) if (!r.parentId) top.set(r.id, commentOf(r));
  for (const legacy of g.comments ?? []) {
    const replies = legacy.replies.filter((x) => !known.has(x.id));
    const held = top.get(legacy.id);
    if (held) held.replies.push(...replies);
    else top.set(legacy.id, { ...legacy, replies });
  }
  for (const r of records) {
    // A reply whose comment is not here (yet) waits for it, unseen.
    if (r.parentId) top.get(r.parentId)?.replies.push({ id: r.id, by: r.by, at: r.at, text: r.text });
  }
  const out = [...top.values()].sort(byTime);
  for (const c of out) c.replies.sort(byTime);
  return out;
}

function roundsOf(g: GuidelineRecord, records: ReviewRound[], answers: GuidelineAnswer[]): ReviewRound[] {
  const ids = new Set(records.map((r) => r.id));
  const all = [...(g.rounds ?? []).filter((r) => !ids.has(r.id)), ...records].sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id));
  const answerOf = new Map(answers.map((a) => [`${a.roundId}\n${officeKey(a.office)}`, a]));
  return all.map((r) => ({
    ...r,
    offices: r.offices.map((o) => {
      const a = answerOf.get(`${r.id}\n${officeKey(o.name)}`);
      return a ? { name: o.name, answeredAt: a.answeredAt, answeredBy: a.answeredBy } : { ...o };
    }),
  }));
}

function versionsOf(g: GuidelineRecord, records: GuidelineVersion[]): GuidelineVersion[] {
  const ids = new Set(records.map((v) => v.id));
  return [...(g.versions ?? []).filter((v) => !ids.has(v.id)), ...records].sort(byTime);
}

/** The guideline as screens read it. */
export function assemble(g: GuidelineRecord, index: ReviewIndex): Guideline {
  return {
    ...g,
    comments: commentsOf(g, index.comments.get(g.id) ?? []),
    rounds: roundsOf(g, index.rounds.get(g.id) ?? [], index.answers.get(g.id) ?? []),
    versions: versionsOf(g, index.versions.get(g.id) ?? []),
  };
}

export function assembled(ctx: Reader, g: GuidelineRecord): Guideline {
  const only = (r: { guidelineId: string }) => r.guidelineId === g.id;
  const index: ReviewIndex = {
    comments: new Map([[g.id, ctx.all('guidelineComments').filter(only)]]),
    rounds: new Map([[g.id, ctx.all('guidelineRounds').filter(only).map((r) => ({ id: r.id, name: r.name, due: r.due, sentAt: r.sentAt, offices: r.offices.map((name) => ({ name })) }))]]),
    answers: new Map([[g.id, ctx.all('guidelineAnswers').filter(only)]]),
    versions: new Map([[g.id, ctx.all('guidelineVersions').filter(only).map(({ guidelineId: _g, hlc: _h, deleted: _d, ...v }) => v)]]),
  };
  return assemble(g, index);
}

/**
 * Why a received record of a guideline's review cannot be kept (Spanish), 'deleted' when its
 * guideline was deleted here, or undefined when it belongs. A writer always had the guideline
 * (and the comment replied to) before it wrote the record, so both reach the server first.
 */
export function missingParent(ctx: Reader, collection: string, record: Record<string, unknown>, deleted: (guidelineId: string) => boolean): string | 'deleted' | undefined {
  if (!GUIDELINE_PARTS.has(collection)) return undefined;
  const guidelineId = String(record.guidelineId);
  const g = ctx.get('guidelines', guidelineId);
  if (!g) return deleted(guidelineId) ? 'deleted' : 'Llegó un comentario, ronda o versión de un lineamiento que este equipo no tiene; no se guardó.';
  const parentId = collection === 'guidelineComments' ? record.parentId : undefined;
  if (typeof parentId !== 'string') return undefined;
  const parent = ctx.get('guidelineComments', parentId);
  const known = parent ? parent.guidelineId === guidelineId && !parent.parentId : (g.comments ?? []).some((c) => c.id === parentId);
  return known ? undefined : 'Llegó una respuesta a un comentario que este equipo no tiene; no se guardó.';
}

/** The stored form of a guideline: its own fields, and the old arrays exactly as they are stored. */
export function storedGuideline(ctx: Reader, g: Omit<Guideline, 'hlc'> | Omit<GuidelineRecord, 'hlc'>): Omit<GuidelineRecord, 'hlc'> {
  const { comments: _c, rounds: _r, versions: _v, ...own } = g;
  const held = ctx.get('guidelines', g.id);
  return {
    ...own,
    ...(held?.comments ? { comments: held.comments } : {}),
    ...(held?.rounds ? { rounds: held.rounds } : {}),
    ...(held?.versions ? { versions: held.versions } : {}),
  };
}

/** The record of a comment as the screens show it: its own, or one made from the old array's copy. */
export function commentRecord(ctx: Reader, guidelineId: string, c: GuidelineComment): Omit<GuidelineCommentRecord, 'hlc'> {
  const held = ctx.get('guidelineComments', c.id);
  if (held) return held;
  const { replies: _r, ...rest } = c;
  return { ...rest, guidelineId };
}

/**
 * One-time step: every comment, reply, answer and version still held only in a guideline's
 * arrays becomes its record, so a stale laptop writing those arrays later can no longer take
 * them away. Rounds stay where they are: a round never changes once sent, and an office's
 * laptop holds only its own entry of one, which must not be sent back as the round.
 * The guideline record itself is not rewritten (a reviewer's laptop may not write it).
 */
export const reviewRecords: Upgrade = {
  name: 'guidelines.reviewRecords',
  changes(ctx) {
    const puts: Put[] = [];
    const made = new Set<string>();
    const has = (collection: 'guidelineComments' | 'guidelineAnswers' | 'guidelineVersions', id: string) => {
      if (ctx.get(collection, id) !== undefined || made.has(`${collection}\u0000${id}`)) return true;
      made.add(`${collection}\u0000${id}`);
      return false;
    };
    for (const g of ctx.all('guidelines')) {
      for (const c of g.comments ?? []) {
        const { replies, ...comment } = c;
        if (!has('guidelineComments', c.id)) puts.push({ collection: 'guidelineComments', record: { ...comment, guidelineId: g.id } });
        for (const r of replies) {
          if (has('guidelineComments', r.id)) continue;
          const scope = { ...(c.roundId ? { roundId: c.roundId } : {}), ...(c.office ? { office: c.office } : {}) };
          puts.push({ collection: 'guidelineComments', record: { ...r, ...scope, guidelineId: g.id, parentId: c.id } });
        }
      }
      for (const round of g.rounds ?? []) {
        for (const o of round.offices) {
          if (!o.answeredAt) continue;
          const id = answerId(round.id, o.name);
          if (!has('guidelineAnswers', id)) puts.push({ collection: 'guidelineAnswers', record: { id, guidelineId: g.id, roundId: round.id, office: o.name, answeredAt: o.answeredAt, answeredBy: o.answeredBy ?? 'desconocido' } });
        }
      }
      for (const v of g.versions ?? []) if (!has('guidelineVersions', v.id)) puts.push({ collection: 'guidelineVersions', record: { ...v, guidelineId: g.id } });
    }
    return puts;
  },
};
