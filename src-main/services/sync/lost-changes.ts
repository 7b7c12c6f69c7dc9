/**
 * Changes that did not count (issue 14, "merges that lose nothing"): an edit made on this laptop
 * to a record another laptop deleted first. The server does not apply it and names who deleted
 * the record and when (`record-deleted`); this laptop keeps the change as a `lostChanges` record
 * and tells its user in Ajustes → Sincronización and in the sync status. Nothing is lost: the
 * record keeps what the change carried, and the local journal entry that made it stays.
 */
import { z } from 'zod';
import { GUIDELINE_PARTS } from '../../../src-shared/domain/guideline.js';
import { COLLECTION_LABEL } from '../../../src-shared/format.js';
import type { Mutation, MutationResult } from '../../../src-shared/sync/protocol.js';
import type { LostChange } from '../store/lost-change.js';
import { defineMutation, type Store } from '../store/store.js';

export type Deleted = Extract<MutationResult, { status: 'record-deleted' }>;

export interface LostChangeView {
  id: string;
  collection: string;
  recordId: string;
  /** Spanish, fit for the screen. */
  message: string;
  at: string;
}

/** Fields a service stamps beside a user's change; alone they carry nothing the user wrote. */
const BOOKKEEPING = new Set(['updatedAt', 'updatedBy']);

/**
 * A deletion made here too is no loss (the record's own tombstone arriving after the other
 * laptop's), nor is a put of bookkeeping alone (a comment stamps its guideline's last change; the
 * comment itself is what is reported).
 */
export function isLoss(m: Mutation): m is Extract<Mutation, { type: 'put' | 'body' | 'lock' }> {
  if (m.type === 'put') return !m.fields.deleted && Object.keys(m.fields).some((f) => !BOOKKEEPING.has(f));
  return m.type === 'body' || m.type === 'lock';
}

/** When an HLC was made: its first 13 digits are milliseconds. */
const clockTime = (hlc: string) => new Date(Number(hlc.slice(0, 13))).toISOString();

const named = (r: Record<string, unknown> | undefined): string | null => {
  for (const f of ['title', 'name', 'key']) if (typeof r?.[f] === 'string' && r[f]) return r[f];
  return null;
};

/** The record's name as this laptop has it; a draft is named by the guideline or acta whose text it is. */
function titleOf(store: Pick<Store, 'get' | 'all'>, m: Mutation): { title: string | null; owner?: string; parent?: string } {
  if (GUIDELINE_PARTS.has(m.collection)) {
    const own = (m.type === 'put' ? m.fields.guidelineId : undefined) ?? (store.get(m.collection as never, m.id) as { guidelineId?: unknown } | undefined)?.guidelineId;
    const guideline = typeof own === 'string' ? (store.get('guidelines', own) as Record<string, unknown> | undefined) : undefined;
    return { title: named(guideline), parent: 'guidelines' };
  }
  const title = named(m.type === 'put' ? m.fields : undefined) ?? named(store.get(m.collection as never, m.id) as Record<string, unknown> | undefined);
  if (title || m.collection !== 'drafts') return { title };
  for (const owner of ['guidelines', 'minutes'] as const) {
    const found = (store.all(owner) as { draftId?: string }[]).find((r) => r.draftId === m.id);
    if (found) return { title: named(found as Record<string, unknown>), owner };
  }
  return { title: null };
}

const keepLost = defineMutation({
  name: 'sync.changeNotCounted',
  args: z.object({ items: z.array(z.custom<Omit<LostChange, 'hlc' | 'id'>>((v) => typeof v === 'object' && v !== null)) }),
  apply(ctx, { items }) {
    const kept = new Set(ctx.all('lostChanges').map((x) => x.mutation));
    const fresh = items.filter((x) => {
      if (kept.has(x.mutation)) return false;
      kept.add(x.mutation);
      return true;
    });
    return { puts: fresh.map((x) => ({ collection: 'lostChanges' as const, record: { ...x, id: ctx.newId() } })), result: () => fresh.length };
  },
});

/**
 * Keeps the changes the server answered `record-deleted` for, once each (a retried push gets the
 * same answer). Returns how many are new. One journal entry for the batch.
 */
export async function keepLostChanges(store: Store, clientId: string, lost: { m: Mutation; r: Deleted }[], actor: string): Promise<number> {
  const at = new Date().toISOString();
  const items = lost.flatMap(({ m, r }): Omit<LostChange, 'hlc' | 'id'>[] =>
    isLoss(m)
      ? [
          {
            mutation: `${clientId}:${m.mutationId}`,
            collection: m.collection,
            recordId: m.id,
            ...titleOf(store, m),
            kind: m.type,
            ...(m.type === 'put' ? { fields: m.fields } : {}),
            ...(m.type === 'body' ? { update: m.update } : {}),
            madeAt: clockTime(m.hlc),
            deletedBy: { account: r.deletedBy.account ?? null, at: r.deletedBy.at ?? null },
            at,
          },
        ]
      : [],
  );
  if (!items.length) return 0;
  const known = new Set(store.all('lostChanges').map((x) => x.mutation));
  if (items.every((x) => known.has(x.mutation))) return 0;
  return store.mutate(keepLost, { items }, actor);
}

const when = (iso: string) => new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City', dateStyle: 'long', timeStyle: 'short' });

/** What was lost, and its participle's agreement. */
const WHAT: Record<LostChange['kind'], [string, string]> = { put: ['su cambio', 'hecho'], body: ['su edición del texto', 'hecha'], lock: ['el bloqueo', 'hecho'] };

const PART: Record<string, [string, string]> = {
  guidelineComments: ['su comentario', 'hecho'],
  guidelineRounds: ['su ronda de revisión', 'enviada'],
  guidelineAnswers: ['su respuesta a la ronda', 'registrada'],
  guidelineVersions: ['su versión', 'guardada'],
};

export function lostChangeMessage(x: LostChange): string {
  const label = x.owner ? `texto de ${COLLECTION_LABEL[x.owner] ?? x.owner}` : (COLLECTION_LABEL[x.parent ?? x.collection] ?? x.collection);
  const record = x.title ? `«${x.title}» (${label})` : x.parent ? `Un registro de ${label}` : `Un registro de ${label} (${x.recordId})`;
  const by = x.deletedBy.account ? ` por la cuenta «${x.deletedBy.account}»` : ' en otro equipo';
  const on = x.deletedBy.at ? ` el ${when(x.deletedBy.at)}` : '';
  // Field names are identifiers, not screen text: the record keeps them, the message does not.
  const [what, made] = x.kind === 'put' && x.parent ? (PART[x.collection] ?? WHAT.put) : WHAT[x.kind];
  // The date may end in "p.m.": a semicolon, not a full stop, follows it.
  return `${record} fue eliminado${by}${on}; ${what}, ${made} en este equipo el ${when(x.madeAt)}, no contó y se conserva en este equipo.`;
}

/** The newest changes that did not count, as Ajustes → Sincronización lists them. */
export function lostChangesOf(store: Pick<Store, 'all'>, limit = 50): LostChangeView[] {
  return store
    .all('lostChanges')
    .sort((a, b) => a.at.localeCompare(b.at))
    .slice(-limit)
    .map((x) => ({ id: x.id, collection: x.collection, recordId: x.recordId, message: lostChangeMessage(x), at: x.at }));
}
