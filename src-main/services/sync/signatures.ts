/**
 * Signatures across laptops (issue 14, point 4 "Conflicts").
 *
 * A person is the same on every laptop: people records sync with their ULID, a filled box names
 * that id (`personId`) and the server's account of that person carries the same id (`server
 * add-user --person`). So the box, the signature and the account agree everywhere.
 *
 * - Outgoing: a local signing or refusal (journal entries `document.sign`, `document.refuse`)
 *   leaves as one `sign` mutation for the box it filled, carrying the document's signing fields
 *   and the version it was appended to, never as a field `put` (an HLC merge would silently pick
 *   one of two signed PDFs). Incidents and lost signatures leave as `append` (audit entries).
 * - Incoming: another laptop's `sign` brings the signed version and the boxes as they are on the
 *   server, whatever the clocks say. Before it replaces anything, a box this laptop filled
 *   differently is kept as a `signatureConflicts` record (the attempt, the PDF it produced, who
 *   counts and when), so the signer is told on the document and nothing is lost.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SignatureConflictView } from '../../../src-shared/contract/calls.js';
import { DocumentRecord as DocumentRecordSchema, type DocumentRecord, type DocumentSigner, type SignatureConflict } from '../../../src-shared/domain/index.js';
import type { Change, Mutation, MutationResult } from '../../../src-shared/sync/protocol.js';
import { canonicalJson, type StoredChange } from '../store/audit-log.js';
import type { CollectionName } from '../store/collections.js';
import { defineMutation, type MutationContext, type Store } from '../store/store.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Outgoing = DistributiveOmit<Mutation, 'mutationId'>;
type SignChange = Extract<Change, { type: 'sign' }>;

/** Journal entries that fill a box: they travel as `sign`. */
export const SIGNING_MUTATIONS: ReadonlySet<string> = new Set(['document.sign', 'document.refuse']);
/** Immutable local records that travel as `append` (the server keeps them; the same id twice is a no-op). */
export const APPENDED: ReadonlySet<CollectionName> = new Set<CollectionName>(['incidents', 'signatureConflicts']);
/** What a signature changes in a document; everything else of it travels as ordinary fields. */
export const SIGNING_FIELDS = ['pdf', 'bytes', 'signers', 'status', 'inkFrom'] as const;

const SHA = /^[0-9a-f]{64}$/;
const BOX_ID = /^[0-9A-Za-z_-]{1,64}$/;

/** The box a signing entry filled: signing goes in order, so it is the last one no longer pending. */
function filledBox(doc: DocumentRecord): DocumentSigner | undefined {
  return [...doc.signers].reverse().find((s) => s.status !== 'pendiente');
}

/**
 * The `sign` for a document written by a local signing entry, or undefined when the entry is not
 * one (or the box does not name its person, as in folders signed before person ids were kept:
 * those still travel as fields).
 */
export function outgoingSign(mutation: string, collection: string, record: Record<string, unknown>): Outgoing | undefined {
  if (!SIGNING_MUTATIONS.has(mutation) || collection !== 'documents') return undefined;
  const doc = record as unknown as DocumentRecord;
  const box = filledBox(doc);
  if (!box?.personId || !BOX_ID.test(box.memberId) || !BOX_ID.test(box.personId)) return undefined;
  const signed = box.status === 'firmado';
  const over = signed ? box.signedOver : doc.pdf;
  if (!over) return undefined;
  const fields = Object.fromEntries(SIGNING_FIELDS.map((f) => [f, doc[f]]));
  const signatureId = signed ? doc.pdf : createHash('sha256').update(`${doc.id}\n${box.memberId}\n${doc.hlc}`).digest('hex');
  return {
    type: 'sign',
    collection: 'documents',
    id: doc.id,
    hlc: doc.hlc,
    box: box.memberId,
    signatureId,
    personId: box.personId,
    ...(signed ? { blob: doc.pdf } : {}),
    data: JSON.parse(JSON.stringify({ fields, over })) as Record<string, never>,
  };
}

/** An immutable record as an `append`. */
export function outgoingAppend(collection: CollectionName, record: StoredChange['record']): Outgoing | undefined {
  if (!APPENDED.has(collection)) return undefined;
  return { type: 'append', collection, id: record.id, hlc: record.hlc, data: JSON.parse(JSON.stringify(record)) as Record<string, never> };
}

/** The blobs a signature names (its signed version): uploaded before the push, fetched before the merge. */
export function signedVersions(m: Extract<Mutation, { type: 'sign' }>): string[] {
  const pdf = (m.data?.fields as { pdf?: unknown } | undefined)?.pdf;
  return [...(m.blob ? [m.blob] : []), ...(typeof pdf === 'string' && SHA.test(pdf) ? [pdf] : [])];
}

export type SignMerge = { skip: string } | { unchanged: true } | { record: DocumentRecord; fields: string[] };

/** Another laptop's signature applied to the local document: the server's version counts. */
export function mergeSign(ctx: Pick<MutationContext, 'get'>, c: SignChange): SignMerge {
  if (c.collection !== 'documents') return { skip: `Firma en «${c.collection}»: este equipo solo firma documentos.` };
  const doc = ctx.get('documents', c.id);
  if (!doc) return { skip: 'Llegó una firma de un documento que este equipo no tiene; se aplicará cuando llegue el documento.' };
  const fields = c.data?.fields;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return { skip: 'La firma recibida no trae el estado del documento.' };
  const names = Object.keys(fields).filter((f) => (SIGNING_FIELDS as readonly string[]).includes(f));
  const next = { ...doc, ...Object.fromEntries(names.map((f) => [f, (fields as Record<string, unknown>)[f]])), hlc: doc.hlc > c.hlc ? doc.hlc : c.hlc };
  if (names.every((f) => canonicalJson(next[f as keyof DocumentRecord]) === canonicalJson(doc[f as keyof DocumentRecord]))) return { unchanged: true };
  const parsed = DocumentRecordSchema.safeParse(next);
  if (!parsed.success) return { skip: 'La firma recibida no es válida para esta versión de Sesiona; el documento se conserva como estaba.' };
  return { record: parsed.data, fields: names };
}

/** A record of this laptop's differing boxes, before the incoming signature replaces them. */
function lostBoxes(ctx: Pick<MutationContext, 'get' | 'all' | 'newId'>, c: SignChange, now: string): Omit<SignatureConflict, 'hlc'>[] {
  if (c.collection !== 'documents') return [];
  const doc = ctx.get('documents', c.id);
  const theirs = (c.data?.fields as { signers?: DocumentSigner[] } | undefined)?.signers;
  if (!doc || !Array.isArray(theirs)) return [];
  const kept = ctx.all('signatureConflicts').filter((x) => x.documentId === doc.id);
  const out: Omit<SignatureConflict, 'hlc'>[] = [];
  for (const mine of doc.signers) {
    if (mine.status === 'pendiente') continue;
    const other = theirs.find((s) => s.memberId === mine.memberId);
    if (other && canonicalJson(other) === canonicalJson(mine)) continue;
    if (kept.some((x) => x.memberId === mine.memberId && canonicalJson(x.attempt) === canonicalJson(mine))) continue;
    out.push({
      id: ctx.newId(),
      documentId: doc.id,
      documentTitle: doc.title,
      memberId: mine.memberId,
      boxName: mine.name,
      attempt: mine,
      pdf: doc.pdf,
      winner: {
        status: other?.status ?? 'pendiente',
        ...(other?.signedAt ? { signedAt: other.signedAt } : {}),
        account: c.account,
        receivedAt: c.at,
      },
      at: now,
    });
  }
  return out;
}

const keepLostSignatures = defineMutation({
  name: 'signature.notCounted',
  args: z.object({ changes: z.array(z.custom<SignChange>((v) => typeof v === 'object' && v !== null)), at: z.string() }),
  apply(ctx, { changes, at }) {
    const records = changes.flatMap((c) => lostBoxes(ctx, c, at));
    return { puts: records.map((record) => ({ collection: 'signatureConflicts' as const, record })), result: () => records.map((r) => r.id) };
  },
});

/**
 * Before a pulled page is merged: keeps every box this laptop filled that the incoming signatures
 * replace. Journaled as a local entry, so the records also reach the server as `append`. Returns
 * the new records' ids.
 */
export async function keepLostSignaturesOf(store: Store, changes: Change[], actor: string): Promise<string[]> {
  const signs = changes.filter((c): c is SignChange => c.type === 'sign' && c.collection === 'documents');
  const peek = { get: store.get.bind(store), all: store.all.bind(store), newId: () => 'x' } as Pick<MutationContext, 'get' | 'all' | 'newId'>;
  if (!signs.some((c) => lostBoxes(peek, c, '').length)) return [];
  return store.mutate(keepLostSignatures, { changes: signs, at: new Date().toISOString() }, actor);
}

/** Another laptop's audit entry: stored once, never changed. */
export function mergeAppend(ctx: Pick<MutationContext, 'get'>, c: Extract<Change, { type: 'append' }>): { skip: string } | { unchanged: true } | { collection: CollectionName; record: Record<string, unknown> & { id: string } } {
  if (!APPENDED.has(c.collection as CollectionName)) return { skip: `Este equipo no guarda entradas de «${c.collection}».` };
  const collection = c.collection as CollectionName;
  if (ctx.get(collection, c.id)) return { unchanged: true };
  return { collection, record: { ...c.data, id: c.id, hlc: typeof c.data.hlc === 'string' ? c.data.hlc : c.hlc } };
}

const when = (iso: string) => new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City', dateStyle: 'long', timeStyle: 'short' });

type Refused = Extract<MutationResult, { status: 'signature-refused' }>;

const keepRefused = defineMutation({
  name: 'signature.refusedByServer',
  args: z.object({ items: z.array(z.custom<Omit<SignatureConflict, 'hlc' | 'id'>>((v) => typeof v === 'object' && v !== null)) }),
  apply(ctx, { items }) {
    const kept = ctx.all('signatureConflicts');
    const fresh = items.filter((x) => !kept.some((k) => k.documentId === x.documentId && k.memberId === x.memberId && canonicalJson(k.attempt) === canonicalJson(x.attempt)));
    const records = fresh.map((x) => ({ ...x, id: ctx.newId() }));
    return { puts: records.map((record) => ({ collection: 'signatureConflicts' as const, record })), result: () => records.map((r) => r.id) };
  },
});

/** A refused signature's way back: the server's signing state, and the attempt it replaces. */
export interface WayBack {
  change: SignChange;
  attempt: DocumentSigner;
}

/**
 * Signatures the server refused for another reason than a taken box: each is kept as a
 * `signatureConflicts` record with the server's reason (its signed PDF stays in blobs/), once
 * however often the answer comes; returns the new records' ids. The `sign` changes that bring
 * the documents back to the server's signing state (`stillMine` tells which still apply after the
 * round's pull) are handed to `remember` before the records are kept.
 */
export async function keepRefusedSignatures(store: Store, refused: { m: Mutation; r: Refused }[], actor: string, remember: (back: WayBack[]) => Promise<void>): Promise<string[]> {
  const at = new Date().toISOString();
  const items: Omit<SignatureConflict, 'hlc' | 'id'>[] = [];
  const back: WayBack[] = [];
  for (const { m, r } of refused) {
    if (m.type !== 'sign' || m.collection !== 'documents') continue;
    const doc = store.get('documents', m.id);
    const mine = doc?.signers.find((s) => s.memberId === m.box);
    if (!doc || !mine || mine.status === 'pendiente') continue;
    const theirs = (r.current?.signers as DocumentSigner[] | undefined)?.find((s) => s.memberId === m.box);
    items.push({
      documentId: doc.id,
      documentTitle: doc.title,
      memberId: mine.memberId,
      boxName: mine.name,
      attempt: mine,
      pdf: doc.pdf,
      winner: { status: theirs?.status ?? 'pendiente', ...(theirs?.signedAt ? { signedAt: theirs.signedAt } : {}), account: 'servidor', receivedAt: at },
      reason: r.reason,
      at,
    });
    if (r.current) back.push({ change: { ...m, data: { fields: r.current, over: m.data?.over ?? null }, seq: 0, clientId: 'servidor', account: 'servidor', at } as SignChange, attempt: mine });
  }
  if (back.length) await remember(back);
  return items.length ? store.mutate(keepRefused, { items }, actor) : [];
}

/**
 * Whether a way back still applies: the document still shows the refused attempt. A pull that
 * brought the signature that counts has already replaced it (and a newer state than the
 * refusal's must not be undone).
 */
export function stillMine(store: Pick<Store, 'get'>, w: WayBack): boolean {
  const box = store.get('documents', w.change.id)?.signers.find((s) => s.memberId === w.attempt.memberId);
  return Boolean(box) && canonicalJson(box) === canonicalJson(w.attempt);
}

/**
 * Whether the signature the server kept for a box is this very one (same signatureId: the signed
 * PDF's hash, or the refusal's own hash): pushed before under another clientId, its answer lost.
 */
export function ownSignature(m: Mutation, winner: Extract<MutationResult, { status: 'signature-taken' }>['winner'] | undefined): boolean {
  return m.type === 'sign' && Boolean(winner?.signatureId) && winner?.signatureId === m.signatureId;
}

/** What the signer reads in Ajustes → Sincronización when the server refused the signature. */
export function refusedMessage(store: Pick<Store, 'get'>, m: Mutation, reason: string): string {
  const doc = m.type === 'sign' && m.collection === 'documents' ? store.get('documents', m.id) : undefined;
  const box = m.type === 'sign' ? doc?.signers.find((s) => s.memberId === m.box) : undefined;
  const what = doc ? `La firma de ${box?.name ?? 'su recuadro'} en «${doc.title}»` : 'Su firma';
  return `${what} no cuenta: el servidor no la aceptó. ${reason} Su firma se conserva en este equipo, y el documento muestra la versión del servidor.`;
}

/** What the signer reads in Ajustes → Sincronización when the server kept another signature of the box. */
export function takenMessage(store: Pick<Store, 'get'>, m: Mutation, winner: Extract<MutationResult, { status: 'signature-taken' }>['winner'] | undefined): string {
  const doc = m.type === 'sign' && m.collection === 'documents' ? store.get('documents', m.id) : undefined;
  const box = m.type === 'sign' ? doc?.signers.find((s) => s.memberId === m.box) : undefined;
  const what = doc ? `La firma de ${box?.name ?? 'su recuadro'} en «${doc.title}»` : 'Su firma';
  const by = winner?.account ? ` por la cuenta «${winner.account}»` : '';
  const at = winner?.at ? ` el ${when(winner.at)}` : '';
  return `${what} no cuenta: ese recuadro ya se había firmado en otro equipo${by}${at}, y esa firma llegó primero al servidor. Su firma se conserva en este equipo.`;
}

/** The lost signatures of a document, as its screen shows them. */
export function signatureConflictsOf(store: Pick<Store, 'all'>, documentId: string): SignatureConflictView[] {
  return store
    .all('signatureConflicts')
    .filter((x) => x.documentId === documentId)
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((x) => ({ id: x.id, boxName: x.boxName, at: x.at, pdf: x.pdf, message: conflictMessage(x) }));
}

function conflictMessage(x: SignatureConflict): string {
  const mine = x.attempt.status === 'rechazado' ? 'El rechazo de firma' : 'La firma';
  const made = x.attempt.signedAt ? ` hecha en este equipo el ${when(x.attempt.signedAt)}` : ' hecha en este equipo';
  const kept = 'Se conserva en este equipo (versión firmada y registro de auditoría); el documento muestra ahora la versión del servidor.';
  if (x.reason) return `${mine} de ${x.boxName}${made} no cuenta: el servidor no la aceptó. ${x.reason} ${kept}`;
  if (x.winner.status === 'pendiente') {
    return `${mine} de ${x.boxName}${made} no cuenta: se hizo sobre una versión del documento que cambió porque otra firma, enviada por la cuenta «${x.winner.account}», llegó antes al servidor (el ${when(x.winner.receivedAt)}). ${kept} Ese recuadro puede firmarse de nuevo.`;
  }
  const first = x.winner.status === 'rechazado' ? 'rechazado' : 'firmado';
  const signedAt = x.winner.signedAt ? ` el ${when(x.winner.signedAt)}` : '';
  return `${mine} de ${x.boxName}${made} no cuenta: ese recuadro ya lo había ${first} ${x.boxName} en otro equipo${signedAt}, y esa firma llegó primero al servidor (cuenta «${x.winner.account}», el ${when(x.winner.receivedAt)}). ${kept}`;
}
