import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { z } from 'zod';
import type { MinutesView } from '../../../src-shared/contract/calls.js';
import { contract } from '../../../src-shared/contract/calls.js';
import type { Minutes } from '../../../src-shared/domain/index.js';
import { Id } from '../../../src-shared/domain/index.js';
import { instituteLetterhead, instituteSettings } from '../commissions/institute.js';
import { lockDocument } from '../documents/signing.js';
import { draftDoc, loadDraftDoc, lockDraftPut, newDraftPut } from '../drafts/drafts.js';
import { docFromBlocks, readBlocks } from '../drafts/rich-text.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { refuse } from '../sessions/errors.js';
import { oneAtATime } from '../sessions/one-at-a-time.js';
import { currentMinutes, sessionAndCommission } from '../sessions/sessions.js';
import { defineMutation, type MutationContext, type Store } from '../store/store.js';
import { actaPdf, type Approval } from './acta-pdf.js';
import { draftBlocks } from './draft-body.js';

type Reader = Pick<MutationContext, 'get' | 'all'>;

function getMinutes(ctx: Reader, id: string): Minutes {
  const m = ctx.get('minutes', id);
  if (!m) return refuse('NOT_FOUND', 'El acta solicitada no existe.', 'minutes not found');
  return m;
}

/** `firmado` follows the signing document: the acta is signed when its document is. */
function withSigning(ctx: Reader, m: Minutes): Minutes {
  if (m.status === 'bloqueado' && m.documentId && ctx.get('documents', m.documentId)?.status === 'firmado') return { ...m, status: 'firmado' };
  return m;
}

export function minutesView(store: Reader, sessionId: string): MinutesView {
  sessionAndCommission(store, sessionId);
  const versions = store
    .all('minutes')
    .filter((m) => m.sessionId === sessionId)
    .sort((a, b) => b.version - a.version)
    .map((m) => withSigning(store, m));
  return { versions, lockable: versions[0]?.status === 'aprobado' };
}

const putMinutes = (record: Omit<Minutes, 'hlc'>) => ({
  puts: [{ collection: 'minutes' as const, record }],
  result: (s: { record: unknown }[]) => s[0]!.record as Minutes,
});

export const createMinutes = defineMutation({
  name: 'minutes.create',
  args: contract['minutes.create'].args,
  apply(ctx, args) {
    const { session, commission } = sessionAndCommission(ctx, args.sessionId);
    if (session.status === 'cancelada') refuse('CONFLICT', 'La sesión está cancelada; no lleva acta.', 'the session is cancelled');
    if (currentMinutes(ctx, session.id)) refuse('CONFLICT', 'Esta sesión ya tiene acta.', 'the session already has minutes');
    const city = instituteSettings(ctx).city;
    const doc = docFromBlocks(draftBlocks(session, commission, city));
    const draft = newDraftPut(ctx, 'minutes', doc);
    doc.destroy();
    const record = {
      id: ctx.newId(),
      sessionId: session.id,
      version: 1,
      status: 'borrador' as const,
      draftId: draft.record.id,
      createdAt: new Date().toISOString(),
    };
    // Drafting the acta records that the session was held.
    const held = session.status === 'celebrada' ? [] : [{ collection: 'sessions' as const, record: { ...ctx.get('sessions', session.id)!, status: 'celebrada' as const } }];
    return { puts: [draft, { collection: 'minutes', record }, ...held], result: (s) => s[1]!.record as Minutes };
  },
});

export const presentMinutes = defineMutation({
  name: 'minutes.present',
  args: contract['minutes.present'].args,
  apply(ctx, args) {
    const m = getMinutes(ctx, args.id);
    if (m.supersededById) refuse('CONFLICT', 'Esta versión del acta fue sustituida por una corrección.', 'this version was superseded');
    if (m.status !== 'borrador') refuse('CONFLICT', 'Solo un acta en borrador puede presentarse como proyecto.', 'only a draft can be presented');
    return putMinutes({ ...m, status: 'presentado' });
  },
});

function approvalOf(ctx: Reader, m: Minutes): Approval | undefined {
  if (!m.approvedBy) return undefined;
  const found = sessionAndCommission(ctx, m.approvedBy.sessionId);
  const inFavorIds = new Set(found.session.ballots.filter((b) => b.agendaItemId === m.approvedBy!.agendaItemId && b.ballot === 'a_favor').map((b) => b.memberId));
  return { session: found.session, result: m.approvedBy.result, inFavor: found.commission.members.filter((x) => inFavorIds.has(x.id)) };
}

/** The acta's PDF from its current body: the signed document's once locked. */
export async function minutesPdf(store: Store, id: string): Promise<{ fileName: string; base64: string }> {
  const m = getMinutes(store, id);
  const { session } = sessionAndCommission(store, m.sessionId);
  const fileName = `acta-${session.key.replace('/', '-')}${m.version > 1 ? `-v${m.version}` : ''}.pdf`;
  if (m.documentId) {
    const doc = store.get('documents', m.documentId);
    if (doc) return { fileName, base64: (await store.blobs.get(doc.pdf)).toString('base64') };
  }
  const { pdf } = await renderMinutes(store, m);
  return { fileName, base64: Buffer.from(pdf).toString('base64') };
}

export async function renderMinutes(store: Store, m: Minutes, doc?: Y.Doc) {
  const { session, commission } = sessionAndCommission(store, m.sessionId);
  const body = doc ?? loadDraftDoc(store, m.draftId);
  const blocks = readBlocks(body);
  if (!doc) body.destroy();
  const approval = approvalOf(store, m);
  return actaPdf(session, commission, { blocks, letterhead: await instituteLetterhead(store), ...(approval ? { approval } : {}) });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const lockMutation = defineMutation({
  name: 'minutes.lock',
  args: z.object({ id: Id, stateSha: z.string(), documentId: Id, pdf: z.string(), bytes: z.number().int().positive(), signers: z.array(z.any()), title: z.string(), fileName: z.string() }),
  apply(ctx, args) {
    const m = getMinutes(ctx, args.id);
    if (m.status !== 'aprobado') refuse('CONFLICT', 'Solo un acta aprobada puede bloquearse.', 'only approved minutes can be locked');
    const { put, state } = lockDraftPut(ctx, m.draftId);
    // The PDF was made outside the queue: refuse if the body changed since.
    if (sha256(state) !== args.stateSha) refuse('CONFLICT', 'El acta cambió mientras se bloqueaba; intente de nuevo.', 'the minutes changed while locking; try again');
    const { session } = sessionAndCommission(ctx, m.sessionId);
    const document = {
      id: args.documentId,
      kind: 'acta' as const,
      title: args.title,
      fileName: args.fileName,
      createdAt: new Date().toISOString(),
      pdf: args.pdf,
      bytes: args.bytes,
      inkFrom: [],
      status: 'borrador' as const,
      sessionId: session.id,
      signers: args.signers,
      documentTimestamps: [],
    };
    const record = { ...m, status: 'bloqueado' as const, contentSha256: args.stateSha, documentId: args.documentId, lockedAt: new Date().toISOString() };
    return { puts: [put, { collection: 'documents', record: document }, { collection: 'minutes', record }], result: (s) => s[2]!.record as Minutes };
  },
});

/**
 * Locks an approved acta: the body is frozen (its SHA-256 recorded), its PDF made with the
 * approval legend, and the document the members sign is created and sealed for signing.
 */
export function lockMinutes(store: Store, vault: VaultKey, id: string, actor: string, newId: () => string): Promise<Minutes> {
  return oneAtATime(`${store.dataDir}\u0000lock\u0000${id}`, () => lockNow(store, vault, id, actor, newId));
}

async function lockNow(store: Store, vault: VaultKey, id: string, actor: string, newId: () => string): Promise<Minutes> {
  const m = getMinutes(store, id);
  if (m.status !== 'aprobado') {
    refuse('CONFLICT', m.status === 'bloqueado' ? 'El acta ya está bloqueada.' : 'Solo un acta aprobada puede bloquearse.', 'only approved minutes can be locked');
  }
  const draft = store.get('drafts', m.draftId);
  if (!draft) return refuse('NOT_FOUND', 'El cuerpo del acta no existe.', 'the minutes body is missing');
  const doc = draftDoc(draft, store.all('draftUpdates').filter((u) => u.draftId === draft.id && u.seq > draft.baseSeq).sort((a, b) => a.seq - b.seq));
  const stateSha = sha256(Y.encodeStateAsUpdate(doc));
  const { pdf, slots } = await renderMinutes(store, m, doc);
  doc.destroy();
  const { session } = sessionAndCommission(store, m.sessionId);
  const sha = await store.blobs.put(pdf);
  const locked = await store.mutate(
    lockMutation,
    {
      id,
      stateSha,
      documentId: newId(),
      pdf: sha,
      bytes: pdf.length,
      signers: slots.map((s) => ({ ...s, status: 'pendiente' })),
      title: `Acta ${session.key}${m.version > 1 ? ` (versión ${m.version})` : ''}`,
      fileName: `acta-${session.key.replace('/', '-')}${m.version > 1 ? `-v${m.version}` : ''}.pdf`,
    },
    actor,
  );
  // Sealing for signing is the signing flow's own step; if it fails the document waits in Documentos.
  await lockDocument(store, vault, locked.documentId!, actor, newId).catch((e: unknown) => console.error('[sesiona] acta sealing deferred:', e));
  return locked;
}

export const correctMinutes = defineMutation({
  name: 'minutes.correct',
  args: contract['minutes.correct'].args,
  apply(ctx, args) {
    const m = getMinutes(ctx, args.id);
    if (m.supersededById) refuse('CONFLICT', 'Esta versión ya tiene una corrección.', 'this version already has a correction');
    if (m.status !== 'bloqueado' && m.status !== 'firmado') {
      refuse('CONFLICT', 'Solo un acta bloqueada se corrige con una nueva versión; un borrador se edita directamente.', 'only locked minutes are corrected by a new version');
    }
    const old = ctx.get('drafts', m.draftId);
    if (!old) return refuse('NOT_FOUND', 'El cuerpo del acta no existe.', 'the minutes body is missing');
    const doc = draftDoc(old, []);
    const draft = newDraftPut(ctx, 'minutes', doc);
    doc.destroy();
    const next = {
      id: ctx.newId(),
      sessionId: m.sessionId,
      version: m.version + 1,
      status: 'borrador' as const,
      draftId: draft.record.id,
      correctsId: m.id,
      createdAt: new Date().toISOString(),
    };
    return {
      puts: [draft, { collection: 'minutes', record: next }, { collection: 'minutes', record: { ...m, supersededById: next.id } }],
      result: (s) => s[1]!.record as Minutes,
    };
  },
});
