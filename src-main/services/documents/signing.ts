import { z } from 'zod';
import type { ArgsOf, DocumentSummary } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { DocumentRecord, DocumentSigner } from '../../../src-shared/domain/index.js';
import { assertUsableForSigning, openCredentials, storedCredentials } from '../certificates/stored.js';
import { createSigner } from '../certificates/signer.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { actaPdf } from '../minutes/acta-pdf.js';
import { addDocumentTimestamp, signPdfAsync, type AsyncSignOptions } from '../pdfsign/incremental.js';
import { sealPdf, verifyPrint } from '../printcheck/index.js';
import { TsaUnavailable, tsaDocumentTimestamper, tsaTimestamper } from '../timestamp/index.js';
import { currentSettings, sealSigner } from '../settings/settings.js';
import { verifyPdf, type VerifyResult } from '../pdfsign/verify.js';
import { useSignature } from '../signatures/vault.js';
import { defineMutation, type MutationContext, type Store } from '../store/store.js';
import { signatureAppearance } from './appearance.js';
import { rubricaMarks } from './rubrica.js';
import { boxFieldName } from './box-match.js';
import { assertCertificateBinds, assertInkBinds } from './signer-binding.js';
import { documentSummary } from './documents.js';
import { trustedRoots } from './trust.js';

/**
 * Writes a document computed from the version read before slow work (building a PDF, signing).
 * Inside `apply` the document is read again: the same check as before runs on the current
 * version (so a second identical call fails as it would in sequence), and any other change in
 * between is a conflict instead of being overwritten.
 */
function documentMutation<E>(name: string, recheck: (doc: DocumentRecord, extra: E) => void) {
  return defineMutation({
    name,
    args: z.object({ record: z.custom<Omit<DocumentRecord, 'hlc'>>(), baseHlc: z.string(), extra: z.custom<E>() }),
    apply: (ctx, args) => {
      const current = ctx.get('documents', args.record.id);
      if (!current) throw new AppError('NOT_FOUND', 'El documento solicitado no existe.');
      recheck(current, args.extra as E);
      if (current.hlc !== args.baseHlc) {
        throw new AppError('CONFLICT', 'El documento cambió mientras se procesaba esta operación; vuelva a intentarlo.');
      }
      return { puts: [{ collection: 'documents', record: args.record }], result: () => documentSummary(args.record as DocumentRecord) };
    },
  });
}

function assertDraft(doc: DocumentRecord, message: string): void {
  if (doc.status !== 'borrador') throw new AppError('CONFLICT', message);
}
const ORDER_LOCKED = 'El orden de firma solo puede cambiarse antes de bloquear el documento.';
const ALREADY_LOCKED = 'El documento ya está bloqueado.';
const NOTHING_SIGNED = 'El documento aún no tiene firmas que sellar.';

const lockMutation = documentMutation<null>('document.lock', (doc) => assertDraft(doc, ALREADY_LOCKED));
const orderMutation = documentMutation<null>('document.setOrder', (doc) => assertDraft(doc, ORDER_LOCKED));
const signMutation = documentMutation<string>('document.sign', (doc, memberId) => void checkTurn(doc, memberId));
const refuseMutation = documentMutation<string>('document.refuse', (doc, memberId) => void checkTurn(doc, memberId));
const timestampMutation = documentMutation<null>('document.timestamp', (doc) => {
  if (!doc.signers.some((s) => s.status === 'firmado')) throw new AppError('CONFLICT', NOTHING_SIGNED);
});

/**
 * Operations on one document run one after another (others' documents are not held up), so
 * calls sent at once end as they would in sequence; `apply` re-checks in any case.
 */
function onDocument<T>(store: Store, id: string, fn: () => Promise<T>): Promise<T> {
  return store.exclusive(`document:${id}`, fn);
}

function getDocument(store: Store, id: string): DocumentRecord {
  const doc = store.get('documents', id);
  if (!doc) throw new AppError('NOT_FOUND', 'El documento solicitado no existe.');
  return doc;
}

/** The acta of a session still in draft, if there is one: "Generar acta" reopens it. */
function openActaDraft(db: Pick<MutationContext, 'all'>, sessionId: string): DocumentRecord | undefined {
  return db.all('documents').find((d) => d.kind === 'acta' && d.sessionId === sessionId && d.status === 'borrador');
}

const createActaMutation = defineMutation({
  name: 'document.create',
  args: z.object({ record: z.custom<Omit<DocumentRecord, 'hlc'>>() }),
  apply(ctx, args) {
    // Re-checked on the queue: nothing can add a draft between this check and the write.
    if (openActaDraft(ctx, args.record.sessionId!)) throw new AppError('CONFLICT', 'Esta sesión ya tiene un acta en borrador; ábrala en Documentos.');
    return { puts: [{ collection: 'documents', record: args.record }], result: () => documentSummary(args.record as DocumentRecord) };
  },
});

/**
 * Drafts the acta of a session with its hoja de firmas; signers in the default order. Calls for
 * one session run one at a time, so "Generar acta" sent twice at once reopens the one draft.
 */
export function createActa(store: Store, sessionId: string, actor: string, newId: () => string): Promise<DocumentSummary> {
  return store.exclusive(`acta:${sessionId}`, async () => {
    const open = openActaDraft(store, sessionId);
    if (open) return documentSummary(open);
    const session = store.get('sessions', sessionId);
    if (!session) throw new AppError('NOT_FOUND', 'La sesión solicitada no existe.');
    const commission = store.get('commissions', session.commissionId);
    if (!commission) throw new AppError('NOT_FOUND', 'La comisión de esta sesión no existe.');
    const { pdf, slots } = await actaPdf(session, commission);
    const sha = await store.blobs.put(pdf);
    const record: Omit<DocumentRecord, 'hlc'> = {
      id: newId(),
      kind: 'acta',
      title: `Acta ${session.key}`,
      fileName: `acta-${session.key.replace('/', '-')}.pdf`,
      inkFrom: [],
      status: 'borrador',
      sessionId: session.id,
      signers: slots.map((s) => ({ ...s, status: 'pendiente' as const })),
      documentTimestamps: [],
      pdf: sha,
      bytes: pdf.length,
      createdAt: new Date().toISOString(),
    };
    return store.mutate(createActaMutation, { record }, actor);
  });
}

export function setSigningOrder(store: Store, id: string, memberIds: string[], actor: string): Promise<DocumentSummary> {
  return onDocument(store, id, () => setSigningOrderNow(store, id, memberIds, actor));
}

async function setSigningOrderNow(store: Store, id: string, memberIds: string[], actor: string): Promise<DocumentSummary> {
  const doc = getDocument(store, id);
  assertDraft(doc, ORDER_LOCKED);
  const byId = new Map(doc.signers.map((s) => [s.memberId, s]));
  if (memberIds.length !== doc.signers.length || new Set(memberIds).size !== memberIds.length || memberIds.some((m) => !byId.has(m))) {
    throw new AppError('INVALID_ARGUMENT', 'El orden de firma debe incluir a cada firmante exactamente una vez.');
  }
  return store.mutate(orderMutation, { record: { ...doc, signers: memberIds.map((m) => byId.get(m)!) }, baseHlc: doc.hlc, extra: null }, actor);
}

/**
 * Locking freezes the content: no signature is accepted before it, no edit after it. The seal
 * page (cadena original, sello, QR) is appended now, as an incremental update, so that every
 * signature covers it and a printed copy can be checked against the signed file.
 */
export function lockDocument(store: Store, vault: VaultKey, id: string, actor: string, newId: () => string): Promise<DocumentSummary> {
  return onDocument(store, id, () => lockDocumentNow(store, vault, id, actor, newId));
}

async function lockDocumentNow(store: Store, vault: VaultKey, id: string, actor: string, newId: () => string): Promise<DocumentSummary> {
  const doc = getDocument(store, id);
  assertDraft(doc, ALREADY_LOCKED);
  if (doc.signers.length === 0) throw new AppError('CONFLICT', 'El documento no tiene firmantes.');
  const session = doc.sessionId ? store.get('sessions', doc.sessionId) : undefined;
  const commission = session ? store.get('commissions', session.commissionId) : undefined;
  const lockedAt = new Date();
  const sealer = await sealSigner(store, vault, commission?.institute ?? 'Instituto Electoral de Michoacán', actor, newId);
  const sealed = sealPdf(
    await store.blobs.get(doc.pdf),
    {
      documentId: doc.id,
      kind: doc.kind,
      title: doc.title,
      ...(session ? { sessionKey: session.key } : {}),
      lockedAt,
      signers: doc.signers.map((s) => s.name),
    },
    sealer,
  );
  const sha = await store.blobs.put(sealed.pdf);
  return store.mutate(
    lockMutation,
    {
      record: { ...doc, pdf: sha, bytes: sealed.pdf.length, status: 'bloqueado', lockedAt: lockedAt.toISOString(), sealPayload: sealed.payload },
      baseHlc: doc.hlc,
      extra: null,
    },
    actor,
  );
}

function nextSigner(doc: DocumentRecord): DocumentSigner | undefined {
  return doc.signers.find((s) => s.status === 'pendiente');
}

export function checkTurn(doc: DocumentRecord, memberId: string): DocumentSigner {
  if (doc.status === 'borrador') throw new AppError('CONFLICT', 'Bloquee el documento antes de la primera firma.');
  if (doc.status === 'firmado') throw new AppError('CONFLICT', 'El documento ya tiene todas sus firmas.');
  const signer = doc.signers.find((s) => s.memberId === memberId);
  if (!signer) throw new AppError('INVALID_ARGUMENT', 'Esa persona no firma este documento.');
  if (signer.status !== 'pendiente') throw new AppError('CONFLICT', `${signer.name} ya ${signer.status === 'firmado' ? 'firmó' : 'rechazó firmar'} este documento.`);
  const next = nextSigner(doc)!;
  if (next.memberId !== memberId) throw new AppError('CONFLICT', `Según el orden de firma, ahora corresponde firmar a ${next.name}.`);
  return signer;
}

async function credentialsFrom(store: Store, vault: VaultKey, args: ArgsOf<'documents.sign'>) {
  return args.credentials.kind === 'stored'
    ? storedCredentials(store, vault, args.credentials.certificateId, args.password)
    : openCredentials(args.credentials, args.password);
}

/**
 * One signer signs: their certificate (never stored here; the password is used and dropped)
 * makes a PAdES signature appended as an incremental update, with their handwritten strokes in
 * their box when they confirm their stored signature with its PIN.
 */
export function signDocument(
  store: Store,
  vault: VaultKey,
  args: ArgsOf<'documents.sign'>,
  actor: string,
  newId: () => string,
): Promise<DocumentSummary> {
  return onDocument(store, args.id, () => signDocumentNow(store, vault, args, actor, newId));
}

async function signDocumentNow(
  store: Store,
  vault: VaultKey,
  args: ArgsOf<'documents.sign'>,
  actor: string,
  newId: () => string,
): Promise<DocumentSummary> {
  const doc = getDocument(store, args.id);
  const slot = checkTurn(doc, args.memberId);
  const credentials = await credentialsFrom(store, vault, args);
  assertUsableForSigning(credentials.info);
  await assertCertificateBinds(store, doc, slot, credentials.info, actor, newId);
  if (args.handwritten) await assertInkBinds(store, doc, slot, args.handwritten.signatureId, actor, newId);
  if (args.rubrica) await assertInkBinds(store, doc, slot, args.rubrica.signatureId, actor, newId, 'rubrica');
  const signer = createSigner(credentials);
  const strokes = args.handwritten
    ? (await useSignature(store, vault, { id: args.handwritten.signatureId, pin: args.handwritten.pin, purpose: doc.title }, actor)).strokes
    : undefined;
  const original = await store.blobs.get(doc.pdf);
  const rubrica = args.rubrica
    ? (await useSignature(store, vault, { id: args.rubrica.signatureId, pin: args.rubrica.pin, purpose: `Rúbrica en ${doc.title}` }, actor)).strokes
    : undefined;
  const marks = rubrica ? rubricaMarks(original, rubrica, doc.signers.indexOf(slot), slot.page) : undefined;
  const signedAt = new Date();
  const [x1, y1, x2, y2] = slot.rect;
  const tsaUrl = currentSettings(store, newId).tsaUrl;
  const options: AsyncSignOptions = {
    reason: `Firma de ${doc.title}`,
    location: 'Morelia, Michoacán, México',
    name: signer.info.subjectName,
    signingTime: signedAt,
    fieldName: boxFieldName(slot.name),
    visible: { page: slot.page, rect: slot.rect },
    appearance: signatureAppearance(x2 - x1, y2 - y1, {
      strokes,
      signedAt,
      certificateNumber: signer.info.certificateNumber,
      rfc: signer.info.rfc,
      holder: signer.info.subjectName,
    }),
    ...(marks ? { marks } : {}),
  };
  let pdf: Buffer;
  let timestamped = false;
  let timestampProblem: string | undefined;
  if (tsaUrl) {
    try {
      pdf = await signPdfAsync(original, signer, { ...options, timestamp: tsaTimestamper(tsaUrl) });
      timestamped = true;
    } catch (e) {
      // Offline, or the TSA answered with an error (HTTP 404, a refusal): sign without a
      // timestamp, as Ajustes promises, and say why; a document timestamp can be added later.
      if (!(e instanceof TsaUnavailable) && !(e instanceof AppError && e.code === 'UNAVAILABLE')) throw e;
      timestampProblem = e.message;
      pdf = await signPdfAsync(original, signer, options);
    }
  } else {
    pdf = await signPdfAsync(original, signer, options);
  }
  const sha = await store.blobs.put(pdf);
  const signers = doc.signers.map((s) =>
    s.memberId === slot.memberId
      ? {
          ...s,
          status: 'firmado' as const,
          signedAt: signedAt.toISOString(),
          certificateNumber: signer.info.certificateNumber,
          ...(signer.info.rfc ? { rfc: signer.info.rfc } : {}),
          timestamped,
          ...(timestampProblem ? { timestampProblem } : {}),
        }
      : s,
  );
  const done = signers.every((s) => s.status !== 'pendiente');
  return store.mutate(
    signMutation,
    {
      record: {
        ...doc,
        pdf: sha,
        bytes: pdf.length,
        signers,
        status: done ? 'firmado' : 'bloqueado',
        inkFrom: [...doc.inkFrom, ...(args.handwritten ? [args.handwritten.signatureId] : []), ...(args.rubrica ? [args.rubrica.signatureId] : [])],
      },
      baseHlc: doc.hlc,
      extra: args.memberId,
    },
    actor,
  );
}

/**
 * `prove` (the refuser showing who they are) runs in the document's turn, after the box is found
 * to be theirs to refuse and before the refusal is stored.
 */
export function refuseSigning(
  store: Store,
  id: string,
  memberId: string,
  reason: string,
  actor: string,
  prove?: (doc: DocumentRecord, slot: DocumentSigner) => Promise<void>,
): Promise<DocumentSummary> {
  return onDocument(store, id, async () => {
    const doc = getDocument(store, id);
    const slot = checkTurn(doc, memberId);
    await prove?.(doc, slot);
    const signers = doc.signers.map((s) => (s.memberId === slot.memberId ? { ...s, status: 'rechazado' as const, refusal: reason } : s));
    const done = signers.every((s) => s.status !== 'pendiente');
    return store.mutate(
      refuseMutation,
      { record: { ...doc, signers, status: done ? 'firmado' : doc.status }, baseHlc: doc.hlc, extra: memberId },
      actor,
    );
  });
}

export async function verifyDocument(store: Store, id: string): Promise<VerifyResult> {
  const doc = getDocument(store, id);
  const roots = await trustedRoots(store);
  // No roots means "not checked" (null), not "untrusted".
  return verifyPdf(await store.blobs.get(doc.pdf), roots.length ? roots : undefined);
}

/** For signatures made offline: a document timestamp over everything signed so far. */
export function addTimestamp(store: Store, id: string, actor: string, newId: () => string): Promise<DocumentSummary> {
  return onDocument(store, id, () => addTimestampNow(store, id, actor, newId));
}

async function addTimestampNow(store: Store, id: string, actor: string, newId: () => string): Promise<DocumentSummary> {
  const doc = getDocument(store, id);
  if (!doc.signers.some((s) => s.status === 'firmado')) throw new AppError('CONFLICT', NOTHING_SIGNED);
  const { tsaUrl } = currentSettings(store, newId);
  if (!tsaUrl) throw new AppError('CONFLICT', 'Configure en Ajustes la dirección del servicio de sellado de tiempo.');
  let pdf: Buffer;
  try {
    pdf = await addDocumentTimestamp(await store.blobs.get(doc.pdf), tsaDocumentTimestamper(tsaUrl));
  } catch (e) {
    if (e instanceof TsaUnavailable) throw new AppError('UNAVAILABLE', e.message);
    throw e;
  }
  const sha = await store.blobs.put(pdf);
  return store.mutate(
    timestampMutation,
    {
      record: { ...doc, pdf: sha, bytes: pdf.length, documentTimestamps: [...doc.documentTimestamps, new Date().toISOString()] },
      baseHlc: doc.hlc,
      extra: null,
    },
    actor,
  );
}

export async function checkPrintedCopy(store: Store, id: string, payload: string) {
  const doc = getDocument(store, id);
  const roots = await trustedRoots(store);
  // This office trusts its own document seal; other roots come from the user's trust store.
  const seal = currentSettings(store, () => '').seal;
  if (roots.length && seal) roots.push(await store.blobs.get(seal.certificate));
  const r = verifyPrint(payload, await store.blobs.get(doc.pdf), roots.length ? roots : undefined);
  return { matches: r.matches, documentId: r.documentId, reasons: r.reasons, signatures: r.signatures, selloValid: r.selloValid };
}
