import * as Y from 'yjs';
import { beforeMerge, repairMerge, REPAIR, type BeforeMerge } from '../../../src-shared/guidelines/merge.js';
import type { Draft, DraftUpdate } from '../../../src-shared/domain/index.js';
import { z } from 'zod';
import { appendDraftUpdate } from '../drafts/drafts.js';
import { defineMutation, type Put, type Store } from '../store/store.js';

/**
 * Pulled edits of guideline bodies, merged as src-shared/guidelines/merge.ts says, for the sync
 * engine: the editor may be closed on the laptop that pulls. One `PulledBodies` lives for one
 * pull batch. Each draft's body is rebuilt with deleted content kept (gc off), the remote
 * updates are applied to it as they are appended to the draft, and `finish` repairs what they
 * voided. The repair is this laptop's own edit: it is committed with the pull as the draft's
 * local `pendingRepair`, and the engine then appends it as a local update that is pushed like any
 * other (appendPendingRepair; a crash in between leaves it pending for the next round).
 *
 * "Own" items are those that never came by pull: the draft remembers the state vector of what
 * was pulled into it (`pulled`, local storage, never synced). Pull never returns this laptop's
 * own pushes, so what is beyond that vector was made here.
 */
export const GUIDELINE_OWNER = 'guidelines';

type Reader = { get(collection: 'drafts', id: string): Draft | undefined; all(collection: 'draftUpdates'): DraftUpdate[] };

interface Session {
  doc: Y.Doc;
  before: BeforeMerge;
  pulled: Map<number, number>;
}

const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * A draft without `pulled` (created here, or kept from before it existed) counts everything as
 * this laptop's: taking it all as pulled instead would leave this laptop's own text typed into a
 * moved article to nobody. What it then carries along with the real author shows once (merge.ts).
 */
export function pulledOf(draft: Pick<Draft, 'pulled'>): Map<number, number> {
  if (!draft.pulled) return new Map();
  try {
    return Y.decodeStateVector(bytesOf(draft.pulled));
  } catch {
    return new Map(); // a damaged vector: everything counts as this laptop's (what two laptops both carry shows once: merge.ts)
  }
}

/** `pulled` grown by the state an update brings. */
export function withPulled(pulled: Map<number, number>, update: Uint8Array): Map<number, number> {
  const out = new Map(pulled);
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) out.set(client, Math.max(out.get(client) ?? 0, clock));
  return out;
}

export class PulledBodies {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly store: Reader) {}

  /** Call before a pulled update is appended to draft `id`. */
  add(id: string, update: Uint8Array): void {
    let s = this.sessions.get(id);
    if (!s) {
      const draft = this.store.get('drafts', id);
      if (!draft || draft.owner !== GUIDELINE_OWNER || draft.locked) return;
      const doc = new Y.Doc({ gc: false });
      if (draft.snapshot) Y.applyUpdate(doc, bytesOf(draft.snapshot));
      const live = this.store
        .all('draftUpdates')
        .filter((u) => u.draftId === id && u.seq > draft.baseSeq)
        .sort((a, b) => a.seq - b.seq);
      for (const u of live) if (u.update) Y.applyUpdate(doc, bytesOf(u.update));
      // A repair not yet appended is this laptop's edit all the same: repairing again must see it.
      if (draft.pendingRepair) Y.applyUpdate(doc, bytesOf(draft.pendingRepair));
      s = { doc, before: beforeMerge(doc), pulled: pulledOf(draft) };
      this.sessions.set(id, s);
    }
    Y.applyUpdate(s.doc, update);
    s.pulled = withPulled(s.pulled, update);
  }

  /**
   * Repairs each merged body: the update to append as this laptop's edit (if any), the new
   * `pulled`, and the state vector the body had before the merge (`seen`: what an open editor typed
   * after it is the editor's to repair).
   */
  finish(): { draftId: string; repair: string | null; pulled: string; seen: string }[] {
    const out: { draftId: string; repair: string | null; pulled: string; seen: string }[] = [];
    for (const [draftId, s] of this.sessions) {
      const made: { repair?: Uint8Array } = {};
      const onUpdate = (u: Uint8Array, origin: unknown) => {
        if (origin === REPAIR) made.repair = u;
      };
      s.doc.on('update', onUpdate);
      const pulled = s.pulled;
      try {
        repairMerge(s.doc, s.before, (client, clock) => clock >= (pulled.get(client) ?? 0));
      } finally {
        s.doc.off('update', onUpdate);
        s.doc.destroy();
      }
      out.push({ draftId, repair: made.repair ? b64(made.repair) : null, pulled: b64(Y.encodeStateVector(pulled)), seen: b64(Y.encodeStateVector(s.before.snapshot.sv)) });
    }
    this.sessions.clear();
    return out;
  }
}

function withoutPending(draft: Draft): Omit<Draft, 'pendingRepair'> {
  const { pendingRepair: _, ...rest } = draft;
  return rest;
}

/** Two repairs as one update. */
export function mergeRepairs(a: string, b: string): string {
  return b64(Y.mergeUpdates([bytesOf(a), bytesOf(b)]));
}

/**
 * Appends a draft's pending repair as this laptop's own update (so it is pushed: the pull's own
 * entry never is) and clears it, in one entry. A draft locked or gone since keeps nothing to do.
 */
export const appendPendingRepair = defineMutation({
  name: 'guidelines.appendRepair',
  args: z.object({ id: z.string() }),
  apply(ctx, { id }) {
    const draft = ctx.get('drafts', id);
    if (!draft?.pendingRepair) return { puts: [], result: () => false };
    const { pendingRepair } = draft;
    const rest = withoutPending(draft);
    if (draft.locked) return { puts: [{ collection: 'drafts', record: rest }], result: () => false };
    const puts = appendDraftUpdate.apply(ctx, { id, update: pendingRepair }).puts as Put[];
    // A fold puts the draft itself: it must go without the pending repair too.
    const folded = puts.find((p) => p.collection === 'drafts');
    const out = folded ? puts.map((p) => (p === folded ? { collection: 'drafts', record: withoutPending(p.record as Draft) } : p)) : [...puts, { collection: 'drafts', record: rest }];
    return { puts: out as Put[], result: () => true };
  },
});

/** Appends the pending repairs of `ids` (all drafts' when omitted); returns how many were appended. */
export async function appendRepairs(store: Pick<Store, 'mutate' | 'all' | 'get' | 'exclusive'>, actor: string, ids?: readonly string[]): Promise<number> {
  const pending = ids ?? store.all('drafts').filter((d) => d.pendingRepair).map((d) => d.id);
  let n = 0;
  for (const id of pending) {
    // One caller at a time per draft, so those that find it done journal nothing.
    await store.exclusive(`guideline-repair\u0000${id}`, async () => {
      if (store.get('drafts', id)?.pendingRepair && (await store.mutate(appendPendingRepair, { id }, actor))) n++;
    });
  }
  return n;
}
