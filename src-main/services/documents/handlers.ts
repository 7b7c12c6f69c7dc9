import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { FeatureHandlers } from '../context.js';
import { acknowledge, acknowledgeFresh, documentPdf, documentSummary, listDocuments } from './documents.js';
import { verificationReport } from './report.js';
import { addTimestamp, checkPrintedCopy, createActa, lockDocument, refuseSigning, setSigningOrder, signDocument, verifyDocument } from './signing.js';
import { expectedBoxes, proveRefuser } from './signer-binding.js';
import { addTrustRoot } from './trust.js';

export const documentsHandlers = {
  'documents.list': ({ store }) => listDocuments(store),
  'documents.get': ({ store }, args) => {
    const doc = store.get('documents', args.id);
    if (!doc) throw new AppError('NOT_FOUND', 'El documento solicitado no existe.');
    return documentSummary(doc);
  },
  'documents.pdf': ({ store }, args) => documentPdf(store, args.id),
  'documents.acknowledge': ({ store, vault, actor, ids }, args) => acknowledge(store, vault, args, actor, ids.next),
  'documents.acknowledgeFresh': ({ store, actor, ids }, args) => acknowledgeFresh(store, args, actor, ids.next),
  // "Generar acta" twice reopens the draft instead of making a second identical acta.
  'documents.createActa': ({ store, actor, ids }, args) => createActa(store, args.sessionId, actor, ids.next),
  'documents.setOrder': ({ store, actor }, args) => setSigningOrder(store, args.id, args.memberIds, actor),
  // Each runs in the document's turn (store.exclusive), so calls sent at once end as in sequence.
  'documents.lock': ({ store, vault, actor, ids }, args) => lockDocument(store, vault, args.id, actor, ids.next),
  'documents.sign': ({ store, vault, actor, ids }, args) => signDocument(store, vault, args, actor, ids.next),
  'documents.refuse': ({ store, vault, actor, ids }, args) =>
    refuseSigning(store, args.id, args.memberId, args.reason, actor, (doc, slot) => proveRefuser(store, vault, doc, slot, args.proof, actor, ids.next)),
  'documents.verify': async ({ store }, args) => verificationReport(await verifyDocument(store, args.id), expectedBoxes(store, args.id)),
  'documents.addTimestamp': ({ store, actor, ids }, args) => addTimestamp(store, args.id, actor, ids.next),
  'documents.verifyPrint': ({ store }, args) => checkPrintedCopy(store, args.id, args.payload),
  'trust.list': ({ store }) => store.all('trustRoots'),
  'trust.add': ({ store, actor, ids }, args) => addTrustRoot(store, Buffer.from(args.certificate, 'base64'), actor, ids.next),
} satisfies FeatureHandlers<FeatureCalls['documents']>;
