/**
 * Replication between this store and the central server (issue 14), in two halves:
 *
 * - Outgoing: the journal is the durable outbox. `Replica.fold` reads each committed entry and
 *   turns what a local mutation changed into protocol mutations: a `put` with only the fields
 *   whose value changed (so another laptop's edit of another field survives the merge), a
 *   `body` for each Yjs update of a draft, a `lock` when a draft is frozen. Entries written by
 *   replication itself are never sent back.
 * - Incoming: `applyRemote` merges pulled changes field by field (newest HLC wins, as the server
 *   does with src-shared/sync/merge.ts), appends Yjs updates to drafts, and commits all of it as
 *   one journal entry through the normal mutation path, so a crash never half-applies a batch.
 *
 * Each field's clock lives in `Replica.index`. It is a fold of the journal alone: local entries
 * stamp the fields they changed with the entry's HLC, and replication entries carry the merged
 * field clocks in a `syncStamps` record, so the index can always be rebuilt from the journal.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { Change, Mutation } from '../../../src-shared/sync/protocol.js';
import { MAX_BODY_UPDATE_BYTES } from '../../../src-shared/sync/protocol.js';
import * as Y from 'yjs';
import { appendDraftUpdate } from '../drafts/drafts.js';
import { mergeRepairs, PulledBodies } from '../guidelines/body-merge.js';
import { canonicalJson, type JournalEntry } from './audit-log.js';
import { collections, isCollectionName, type CollectionName } from './collections.js';
import { defineMutation, type MutationContext, type Put } from './store.js';
import { missingParent } from '../guidelines/review-records.js';
import { mergeAppend, mergeSign, outgoingAppend, outgoingSign, SIGNING_FIELDS } from '../sync/signatures.js';

export const REMOTE_MUTATION = 'sync.pull';

/**
 * What travels. The rest stays on this laptop: settings and trust roots, certificates (sealed
 * private keys), handwritten signatures (sealed with this laptop's data key), local accounts
 * (password verifiers), incidents, print jobs and batch results.
 */
export const SYNCED: ReadonlySet<CollectionName> = new Set<CollectionName>([
  'commissions',
  'sessions',
  'calendars',
  'activities',
  'programmes',
  'documents',
  'institute',
  'minutes',
  'drafts',
  'draftUpdates',
  'people',
  'reports',
  'guidelines',
  'guidelineComments',
  'guidelineRounds',
  'guidelineAnswers',
  'guidelineVersions',
]);

/** Draft fields that describe its local storage of the body, not the body: never sent. */
const DRAFT_STORAGE = new Set(['snapshot', 'baseSeq', 'seq', 'pulled', 'pendingRepair']);
/** The index's pseudo-field for a draft's snapshot, so a local fold is sent as a body update. */
const BODY = '~body';
/**
 * The index's pseudo-field of a tombstone received from the server (a `delete`), kept even when
 * this laptop never had the record, so a put that arrives later cannot bring it back.
 */
const TOMBSTONE = '~deleted';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A mutation before it is numbered for the outbox. */
export type Outgoing = DistributiveOmit<Mutation, 'mutationId'>;

/** Per record ("collection.id"), per field: [the HLC that wrote it, a hash of its value]. */
export type FieldIndex = Record<string, Record<string, [string, string]>>;

export interface Outcome {
  /** Records whose fields or body changed here. */
  applied: number;
  /** Changes that changed nothing (older than what is here, or already here). */
  unchanged: number;
  /** Changes this laptop could not take, with the Spanish reason. */
  skipped: { collection: string; id: string; reason: string }[];
  /** Drafts whose body received someone else's edits: what the editor announces. */
  bodyMerges: { draftId: string; accounts: string[]; seen?: string }[];
  /** Guideline drafts whose merge left a repair to append as this laptop's edit (guidelines/body-merge.ts). */
  repairs: string[];
}

const key = (collection: string, id: string) => `${collection}.${id}`;
/** A record deleted here (its `deleted` field) or by a `delete` from the server: final, as on the server. */
const isTombstone = (stamps: Record<string, string>) => stamps[TOMBSTONE] !== undefined || stamps.deleted !== undefined;
/** A field's value as the index compares it: short values as they are (most fields), longer ones by a hash. */
const hashOf = (value: unknown) => {
  const json = canonicalJson(value);
  return json.length <= 40 ? json : `#${createHash('sha256').update(json).digest('hex').slice(0, 20)}`;
};

function fieldsOf(collection: string, record: Record<string, unknown>): [string, unknown][] {
  return Object.entries(record).filter(([f]) => f !== 'id' && f !== 'hlc' && !(collection === 'drafts' && DRAFT_STORAGE.has(f)));
}

export class Replica {
  constructor(
    public index: FieldIndex = {},
    /** The last journal position folded into the index. */
    public seq = 0,
  ) {}

  /** Folds one committed entry; returns what it means for the server (nothing for replication's own entries). */
  fold(entry: JournalEntry): Outgoing[] {
    if (entry.seq <= this.seq) return [];
    this.seq = entry.seq;
    const changes = entry.changes ?? [];
    if (entry.mutation === REMOTE_MUTATION) {
      const stamps = new Map(changes.filter((c) => c.collection === 'syncStamps').map((c) => [c.record.id, c.record.stamps as Record<string, string>]));
      for (const c of changes) {
        if (!SYNCED.has(c.collection) || c.collection === 'draftUpdates') continue;
        const k = key(c.collection, c.record.id);
        const old = this.index[k] ?? {};
        const st = stamps.get(k) ?? {};
        stamps.delete(k);
        const row: Record<string, [string, string]> = {};
        for (const [f, v] of fieldsOf(c.collection, c.record)) row[f] = [st[f] ?? old[f]?.[0] ?? c.record.hlc, hashOf(v)];
        if (c.collection === 'drafts') row[BODY] = [c.record.hlc, hashOf(c.record.snapshot)];
        const tomb = st[TOMBSTONE] ?? old[TOMBSTONE]?.[0];
        if (tomb) row[TOMBSTONE] = [tomb, ''];
        this.index[k] = row;
      }
      // Stamps with no record in the entry: a tombstone for a record this laptop never had.
      for (const [k, st] of stamps) {
        const row = (this.index[k] ??= {});
        for (const [f, hlc] of Object.entries(st)) row[f] = [hlc, row[f]?.[1] ?? ''];
      }
      return [];
    }
    const out: Outgoing[] = [];
    for (const c of changes) {
      const appended = outgoingAppend(c.collection, c.record);
      if (appended) out.push(appended);
      if (!SYNCED.has(c.collection)) continue;
      const rec = c.record;
      if (c.collection === 'draftUpdates') {
        if (typeof rec.update === 'string' && rec.update) out.push(...bodyMutations(String(rec.draftId), rec.hlc, rec.update));
        continue;
      }
      const k = key(c.collection, rec.id);
      const row = (this.index[k] ??= {});
      const changed: Record<string, unknown> = {};
      const present = new Set<string>();
      for (const [f, v] of fieldsOf(c.collection, rec)) {
        present.add(f);
        const h = hashOf(v);
        if (row[f]?.[1] !== h) {
          changed[f] = v;
          row[f] = [rec.hlc, h];
        }
      }
      for (const f of Object.keys(row)) {
        if (!f.startsWith('~') && !present.has(f)) {
          changed[f] = null; // a field the record no longer has
          delete row[f];
        }
      }
      // A signature travels whole as `sign` (first wins on the server), not as merged fields.
      const signed = Object.keys(changed).length ? outgoingSign(entry.mutation, c.collection, rec) : undefined;
      if (signed) {
        out.push(signed);
        for (const f of SIGNING_FIELDS) delete changed[f];
      }
      if (Object.keys(changed).length) out.push({ type: 'put', collection: c.collection, id: rec.id, hlc: rec.hlc, fields: changed as Extract<Mutation, { type: 'put' }>['fields'] });
      // Deleted here: the put carries who, when and why; the delete makes it final on the server and elsewhere.
      if (changed.deleted) out.push({ type: 'delete', collection: c.collection, id: rec.id, hlc: rec.hlc });
      if (c.collection === 'drafts') {
        const h = hashOf(rec.snapshot);
        if (row[BODY]?.[1] !== h) {
          row[BODY] = [rec.hlc, h];
          if (typeof rec.snapshot === 'string' && rec.snapshot) out.push(...bodyMutations(rec.id, rec.hlc, rec.snapshot));
        }
        if (rec.locked === true && 'locked' in changed) out.push({ type: 'lock', collection: 'drafts', id: rec.id, hlc: rec.hlc, state: 'locked' });
      }
    }
    return out;
  }

  /** The clock of each field of a record, as the merge compares them. */
  stampsOf(collection: string, id: string): Record<string, string> {
    const row = this.index[key(collection, id)] ?? {};
    return Object.fromEntries(Object.entries(row).filter(([f]) => f !== BODY).map(([f, [hlc]]) => [f, hlc]));
  }
}

function bodyMutations(draftId: string, hlc: string, update: string): Outgoing[] {
  // A body larger than the protocol allows cannot travel as one update; the engine reports it.
  const tooBig = Buffer.byteLength(update, 'base64') > MAX_BODY_UPDATE_BYTES;
  return [{ type: 'body', collection: 'drafts', id: draftId, hlc, update: tooBig ? '' : update }];
}

/** A view of the store plus the records this batch has written so far, so later changes see earlier ones. */
class Overlay implements MutationContext {
  readonly written = new Map<string, { collection: CollectionName; record: Record<string, unknown> & { id: string } }>();
  constructor(private readonly base: MutationContext) {}
  get actor() {
    return this.base.actor;
  }
  get<C extends CollectionName>(collection: C, id: string) {
    return (this.written.get(key(collection, id))?.record ?? this.base.get(collection, id)) as ReturnType<MutationContext['get']> as never;
  }
  all<C extends CollectionName>(collection: C) {
    const mine = [...this.written.values()].filter((w) => w.collection === collection);
    const ids = new Set(mine.map((w) => w.record.id));
    return [...this.base.all(collection).filter((r) => !ids.has((r as { id: string }).id)), ...mine.map((w) => w.record)] as never;
  }
  newId() {
    return this.base.newId();
  }
  put(collection: CollectionName, record: Record<string, unknown> & { id: string }) {
    this.written.set(key(collection, record.id), { collection, record });
  }
}

/** A body that arrives whole was all pulled (guidelines/body-merge.ts). */
function pulledField(update: string): { pulled?: string } {
  try {
    return { pulled: Buffer.from(Y.encodeStateVectorFromUpdate(Buffer.from(update, 'base64'))).toString('base64') };
  } catch {
    return {};
  }
}

const maxHlc = (a: unknown, b: string) => (typeof a === 'string' && a > b ? a : b);

/**
 * Merges pulled changes into the store as one commit. `replica` must have folded every entry
 * committed so far (the engine follows commits with `store.onCommit`), which holds on the store's
 * queue where this runs.
 */
export function remoteMutation(replica: Replica) {
  return defineMutation({
    name: REMOTE_MUTATION,
    keepsHlc: true,
    args: z.object({
      changes: z.array(z.custom<Change>((v) => typeof v === 'object' && v !== null)),
      /** The server's cursor after these changes: committed with them (syncProgress). */
      cursor: z.number().int().nonnegative(),
    }),
    apply(ctx, { changes, cursor }) {
      const overlay = new Overlay(ctx);
      const stamps = new Map<string, Record<string, string>>();
      const outcome: Outcome = { applied: 0, unchanged: 0, skipped: [], bodyMerges: [], repairs: [] };
      const bodies = new PulledBodies(overlay as never);
      const merges = new Map<string, Set<string>>();
      const skip = (c: Change, reason: string) => outcome.skipped.push({ collection: c.collection, id: c.id, reason });

      for (const c of changes) {
        const collection = c.collection;
        if (c.type === 'append') {
          const r = mergeAppend(overlay, c);
          if ('skip' in r) skip(c, r.skip);
          else if ('unchanged' in r) outcome.unchanged++;
          else {
            const parsed = (collections[r.collection].schema as z.ZodType).safeParse(r.record);
            if (!parsed.success) skip(c, 'La entrada recibida no es válida para esta versión de Sesiona.');
            else {
              overlay.put(r.collection, parsed.data as Record<string, unknown> & { id: string });
              outcome.applied++;
            }
          }
          continue;
        }
        if (!isCollectionName(collection) || !SYNCED.has(collection) || collection === 'draftUpdates') {
          skip(c, `Este equipo no guarda registros de «${collection}».`);
          continue;
        }
        const k = key(collection, c.id);
        if (c.type !== 'delete' && isTombstone(stamps.get(k) ?? replica.stampsOf(collection, c.id))) {
          outcome.unchanged++; // a deletion is final: nothing brings the record back
          continue;
        }
        switch (c.type) {
          case 'put': {
            const current = overlay.get(collection, c.id) as Record<string, unknown> | undefined;
            const st = stamps.get(k) ?? replica.stampsOf(collection, c.id);
            const next: Record<string, unknown> = current ? { ...current } : { id: c.id };
            let won = false;
            for (const [f, v] of Object.entries(c.fields)) {
              if (f === 'id' || f === 'hlc' || (collection === 'drafts' && DRAFT_STORAGE.has(f))) continue;
              const mine = st[f];
              if (mine !== undefined && c.hlc <= mine) continue;
              next[f] = v;
              st[f] = c.hlc;
              won = true;
            }
            if (!won) {
              outcome.unchanged++;
              break;
            }
            if (collection === 'drafts' && !current) Object.assign(next, { snapshot: '', baseSeq: 0, seq: 0 });
            next.hlc = maxHlc(current?.hlc, c.hlc);
            const schema = collections[collection].schema as z.ZodType;
            let parsed = schema.safeParse(next);
            if (!parsed.success) {
              // null stands both for a null value and for a field the sender's record no longer has.
              for (const [f, v] of Object.entries(next)) if (v === null) delete next[f];
              parsed = schema.safeParse(next);
            }
            if (!parsed.success) {
              skip(c, 'El registro recibido no es válido para esta versión de Sesiona.');
              break;
            }
            const parent = current ? undefined : missingParent(overlay, collection, parsed.data as Record<string, unknown>, (g) => isTombstone(stamps.get(key('guidelines', g)) ?? replica.stampsOf('guidelines', g)));
            if (parent === 'deleted') {
              outcome.unchanged++; // on a guideline deleted here: set aside quietly, as the deletion is final
              break;
            }
            if (parent) {
              skip(c, parent);
              break;
            }
            overlay.put(collection, parsed.data as Record<string, unknown> & { id: string });
            stamps.set(k, st);
            outcome.applied++;
            break;
          }
          case 'body': {
            if (collection !== 'drafts') {
              skip(c, 'Solo los borradores tienen cuerpo de texto.');
              break;
            }
            const draft = overlay.get('drafts', c.id) as { locked?: boolean; hlc: string } | undefined;
            if (!draft) {
              // The body can arrive before the draft's fields; the put that follows fills them in.
              overlay.put('drafts', { id: c.id, owner: 'sincronizado', snapshot: c.update, baseSeq: 0, seq: 0, locked: false, hlc: c.hlc, ...pulledField(c.update) });
              stamps.set(k, stamps.get(k) ?? replica.stampsOf('drafts', c.id));
            } else if (draft.locked) {
              skip(c, 'El documento está bloqueado aquí; el cambio de texto no se aplicó.');
              break;
            } else {
              try {
                const { puts } = appendDraftUpdate.apply(overlay, { id: c.id, update: c.update });
                bodies.add(c.id, Buffer.from(c.update, 'base64'));
                for (const p of puts as Put[]) overlay.put(p.collection, { ...p.record, hlc: maxHlc((p.record as { hlc?: string }).hlc, c.hlc) } as never);
              } catch (e) {
                skip(c, e instanceof AppError ? e.message : 'El cambio de texto está dañado.');
                break;
              }
              stamps.set(k, stamps.get(k) ?? replica.stampsOf('drafts', c.id));
            }
            if (!merges.has(c.id)) merges.set(c.id, new Set());
            merges.get(c.id)!.add(c.account);
            outcome.applied++;
            break;
          }
          case 'lock': {
            const rec = overlay.get(collection, c.id) as Record<string, unknown> | undefined;
            if (rec && 'locked' in rec && rec.locked !== true) {
              overlay.put(collection, { ...(rec as { id: string }), locked: true, hlc: maxHlc(rec.hlc, c.hlc) });
              const st = stamps.get(k) ?? replica.stampsOf(collection, c.id);
              st.locked = maxHlc(st.locked, c.hlc);
              stamps.set(k, st);
              outcome.applied++;
            } else outcome.unchanged++;
            break;
          }
          case 'sign': {
            const r = mergeSign(overlay, c);
            if ('skip' in r) skip(c, r.skip);
            else if ('unchanged' in r) outcome.unchanged++;
            else {
              overlay.put('documents', r.record);
              // The server's version counts whatever the clocks say; later edits compare with the signature's clock.
              const st = stamps.get(k) ?? replica.stampsOf(collection, c.id);
              for (const f of r.fields) st[f] = c.hlc;
              stamps.set(k, st);
              outcome.applied++;
            }
            break;
          }
          case 'delete': {
            const st = stamps.get(k) ?? replica.stampsOf(collection, c.id);
            if (st[TOMBSTONE] !== undefined) {
              outcome.unchanged++;
              break;
            }
            st[TOMBSTONE] = c.hlc;
            stamps.set(k, st);
            // ctx.get hides deleted records, so a record deleted here already is left as it is.
            const current = overlay.get(collection, c.id) as (Record<string, unknown> & { id: string }) | undefined;
            if (current && !current.deleted) {
              const tombstone = { at: c.at, by: c.account, reason: 'Eliminado en otro equipo; llegó con la sincronización.' };
              overlay.put(collection, { ...current, deleted: tombstone, hlc: maxHlc(current.hlc, c.hlc) });
              st.deleted = maxHlc(st.deleted, c.hlc);
              outcome.applied++;
            } else outcome.unchanged++;
            break;
          }
          default:
            skip(c, `Cambio «${(c as Change).type}» aún no admitido por este equipo.`);
        }
      }
      const seen = new Map<string, string>();
      for (const r of bodies.finish()) {
        const draft = overlay.get('drafts', r.draftId) as Record<string, unknown> & { id: string; pendingRepair?: string };
        // Committed with the merge, so a crash before it is appended loses nothing; two pending repairs merge into one.
        const pending = r.repair && draft.pendingRepair ? mergeRepairs(draft.pendingRepair, r.repair) : (r.repair ?? draft.pendingRepair);
        overlay.put('drafts', { ...draft, pulled: r.pulled, ...(pending ? { pendingRepair: pending } : {}) });
        if (r.repair) outcome.repairs.push(r.draftId);
        seen.set(r.draftId, r.seen);
      }
      outcome.bodyMerges = [...merges].map(([draftId, accounts]) => ({ draftId, accounts: [...accounts], ...(seen.has(draftId) ? { seen: seen.get(draftId) } : {}) }));
      const puts: Put[] = [...overlay.written.values()].map((w) => ({ collection: w.collection, record: w.record }) as Put);
      for (const [k, st] of stamps) {
        // A record new here whose every field has its own clock: the fold reads the same stamps from the record.
        const hlc = overlay.written.get(k)?.record.hlc;
        if (!replica.index[k] && hlc !== undefined && Object.entries(st).every(([f, v]) => v === hlc && !f.startsWith('~'))) continue;
        const newest = Object.values(st).reduce((a, b) => (b > a ? b : a), '');
        if (newest) puts.push({ collection: 'syncStamps', record: { id: k, stamps: st, hlc: newest } });
      }
      puts.push({ collection: 'syncProgress', record: { id: 'pull', cursor } });
      return { puts, result: () => outcome };
    },
  });
}
