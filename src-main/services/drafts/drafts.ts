import * as Y from 'yjs';
import { AppError } from '../../../src-shared/contract/errors.js';
import { draftsCalls } from '../../../src-shared/contract/drafts.js';
import type { DraftState } from '../../../src-shared/contract/drafts.js';
import type { Draft, DraftUpdate } from '../../../src-shared/domain/index.js';
import { defineMutation, type MutationContext, type Put, type Store } from '../store/store.js';

/**
 * A Yjs document kept as a snapshot plus small appended updates. Each autosave journals one
 * update record (the edit, not the document); every COMPACT_EVERY updates (or COMPACT_BYTES of
 * them) they are folded into the snapshot, and their records are reused by later updates, so a
 * draft's own file stays small too.
 */
export const COMPACT_EVERY = 500;
export const COMPACT_BYTES = 256 * 1024;


const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** The records of one draft's updates, in order; `live` are those not yet folded in. */
function updatesOf(all: DraftUpdate[], draft: Draft): { live: DraftUpdate[]; reusable: DraftUpdate[] } {
  const mine = all.filter((u) => u.draftId === draft.id).sort((a, b) => a.seq - b.seq);
  return { live: mine.filter((u) => u.seq > draft.baseSeq), reusable: mine.filter((u) => u.seq <= draft.baseSeq) };
}

/** Rebuilds the Yjs document of a draft from its snapshot and live updates. */
export function draftDoc(draft: Draft, live: readonly DraftUpdate[]): Y.Doc {
  const doc = new Y.Doc();
  if (draft.snapshot) Y.applyUpdate(doc, bytesOf(draft.snapshot));
  for (const u of live) if (u.update) Y.applyUpdate(doc, bytesOf(u.update));
  return doc;
}

/** A new draft record holding `doc`'s state; for mutations that create what owns the body. */
export function newDraftPut(ctx: Pick<MutationContext, 'newId'>, owner: string, doc: Y.Doc, id = ctx.newId()): Put {
  return { collection: 'drafts', record: { id, owner, snapshot: b64(Y.encodeStateAsUpdate(doc)), baseSeq: 0, seq: 0, locked: false } };
}

function decodeUpdate(update: string): Uint8Array {
  const bytes = bytesOf(update);
  try {
    // Decoding checks the structure without touching any document.
    Y.decodeUpdate(bytes);
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'El cambio del documento está dañado y no se guardó.');
  }
  return bytes;
}

function getDraft(ctx: Pick<MutationContext, 'get'>, id: string): Draft {
  const draft = ctx.get('drafts', id);
  if (!draft) throw new AppError('NOT_FOUND', 'El borrador solicitado no existe.');
  return draft;
}

export const appendDraftUpdate = defineMutation({
  name: 'draft.append',
  args: draftsCalls['drafts.append'].args,
  apply(ctx, args) {
    const draft = getDraft(ctx, args.id);
    if (draft.locked) throw new AppError('CONFLICT', 'El documento está bloqueado: su contenido ya no puede modificarse.');
    const bytes = decodeUpdate(args.update);
    const { live, reusable } = updatesOf(ctx.all('draftUpdates'), draft);
    const seq = Math.max(draft.baseSeq, ...live.map((u) => u.seq)) + 1;
    const liveBytes = live.reduce((n, u) => n + u.update.length, 0) + args.update.length;
    if (live.length + 1 >= COMPACT_EVERY || liveBytes >= COMPACT_BYTES) {
      // Fold everything, this update included, into the snapshot: one larger entry now and then.
      const doc = draftDoc(draft, live);
      Y.applyUpdate(doc, bytes);
      const record = { ...draft, snapshot: b64(Y.encodeStateAsUpdate(doc)), baseSeq: seq, seq };
      doc.destroy();
      return { puts: [{ collection: 'drafts', record }], result: () => ({ seq }) };
    }
    const slot = reusable[0];
    const record = { id: slot?.id ?? ctx.newId(), draftId: draft.id, seq, update: args.update };
    return { puts: [{ collection: 'draftUpdates', record }], result: () => ({ seq }) };
  },
});

/** Freezes a draft: folded into one snapshot and locked; returns the frozen state's bytes. */
export function lockDraftPut(ctx: Pick<MutationContext, 'get' | 'all'>, id: string): { put: Put; state: Uint8Array } {
  const draft = getDraft(ctx, id);
  const { live } = updatesOf(ctx.all('draftUpdates'), draft);
  const doc = draftDoc(draft, live);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const seq = Math.max(draft.baseSeq, ...live.map((u) => u.seq));
  return { put: { collection: 'drafts', record: { ...draft, snapshot: b64(state), baseSeq: seq, seq, locked: true } }, state };
}

export function readDraft(store: Pick<Store, 'get' | 'all'>, id: string): DraftState {
  const draft = getDraft(store, id);
  const { live } = updatesOf(store.all('draftUpdates'), draft);
  const doc = draftDoc(draft, live);
  const state = b64(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return { id, state, seq: Math.max(draft.baseSeq, ...live.map((u) => u.seq)), locked: draft.locked };
}

/** The draft's Yjs document, for reading its content (PDF, export). */
export function loadDraftDoc(store: Pick<Store, 'get' | 'all'>, id: string): Y.Doc {
  const draft = getDraft(store, id);
  return draftDoc(draft, updatesOf(store.all('draftUpdates'), draft).live);
}
