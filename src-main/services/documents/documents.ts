import { z } from 'zod';
import type { ArgsOf, DocumentSummary } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { DocumentRecord } from '../../../src-shared/domain/index.js';
import { AcknowledgementError, createAcknowledgementTemplate } from '../pdf/acknowledgement.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { toVector, useSignature } from '../signatures/vault.js';
import { defineMutation, type Store } from '../store/store.js';

export function documentSummary(d: DocumentRecord): DocumentSummary {
  const { id, kind, title, fileName, createdAt, bytes, status, signers, lockedAt, sealPayload, documentTimestamps } = d;
  return {
    id,
    kind,
    title,
    fileName,
    createdAt,
    bytes,
    status,
    signers,
    documentTimestamps,
    ...(lockedAt ? { lockedAt } : {}),
    ...(sealPayload ? { sealPayload } : {}),
  };
}

const createDocument = defineMutation({
  name: 'document.create',
  args: z.object({ record: z.custom<Omit<DocumentRecord, 'hlc'>>() }),
  apply: (_ctx, args) => ({
    puts: [{ collection: 'documents', record: args.record }],
    result: () => documentSummary(args.record as DocumentRecord),
  }),
});

/** Stores a PDF: bytes first (blobs/), then the record pointing to them. */
export async function storeDocument(
  store: Store,
  fields: Omit<DocumentRecord, 'hlc' | 'pdf' | 'bytes' | 'createdAt'>,
  pdf: Uint8Array,
  actor: string,
): Promise<DocumentSummary> {
  const sha = await store.blobs.put(pdf);
  return store.mutate(createDocument, { record: { ...fields, pdf: sha, bytes: pdf.length, createdAt: new Date().toISOString() } }, actor);
}

export function listDocuments(store: Store): DocumentSummary[] {
  return store
    .all('documents')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map(documentSummary);
}

export async function documentPdf(store: Store, id: string): Promise<{ fileName: string; base64: string }> {
  const doc = store.get('documents', id);
  if (!doc) throw new AppError('NOT_FOUND', 'El documento solicitado no existe.');
  return { fileName: doc.fileName, base64: (await store.blobs.get(doc.pdf)).toString('base64') };
}

/** An acknowledgement signed with a stored handwritten signature (PIN-confirmed, audited). */
export async function acknowledge(
  store: Store,
  vault: VaultKey,
  args: ArgsOf<'documents.acknowledge'>,
  actor: string,
  newId: () => string,
): Promise<{ document: DocumentSummary; strokes: { x: number[]; y: number[] }[] }> {
  const used = await useSignature(store, vault, { id: args.signatureId, pin: args.pin, purpose: `Acuse de recibo folio ${args.folio}` }, actor);
  return acknowledgeWith(store, { ...args, signerName: used.personName, strokes: used.strokes, inkFrom: [used.id] }, actor, newId);
}

/**
 * An acknowledgement signed with a capture made for this document only: the strokes go onto the
 * PDF and nowhere else (nothing is enrolled in the vault).
 */
export async function acknowledgeFresh(
  store: Store,
  args: ArgsOf<'documents.acknowledgeFresh'>,
  actor: string,
  newId: () => string,
): Promise<{ document: DocumentSummary; strokes: { x: number[]; y: number[] }[] }> {
  const strokes = toVector(args.capture.strokes).map((s) => ({ x: s.x.map(Math.round), y: s.y.map(Math.round) }));
  return acknowledgeWith(store, { ...args, strokes, inkFrom: [] }, actor, newId);
}

async function acknowledgeWith(
  store: Store,
  args: { signerName: string; signerRole: string; folio: string; name: string; concept?: string; date?: string; strokes: { x: number[]; y: number[] }[]; inkFrom: string[] },
  actor: string,
  newId: () => string,
): Promise<{ document: DocumentSummary; strokes: { x: number[]; y: number[] }[] }> {
  let pdf: Uint8Array;
  try {
    const template = createAcknowledgementTemplate(
      { name: args.signerName, role: args.signerRole, strokes: args.strokes },
      { date: args.date ?? new Date().toISOString().slice(0, 10), ...(args.concept ? { concept: args.concept } : {}) },
    );
    pdf = await template.render({ folio: args.folio, name: args.name });
  } catch (e) {
    if (e instanceof AcknowledgementError) throw new AppError('INVALID_ARGUMENT', e.message);
    throw e;
  }
  const document = await storeDocument(
    store,
    {
      id: newId(),
      kind: 'acuse',
      title: `Acuse de recibo ${args.folio} — ${args.name}`,
      fileName: `acuse-${args.folio}.pdf`,
      inkFrom: args.inkFrom,
      status: 'firmado',
      signers: [],
      documentTimestamps: [],
    },
    pdf,
    actor,
  );
  return { document, strokes: args.strokes };
}
