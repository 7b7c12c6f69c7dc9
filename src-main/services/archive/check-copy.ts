import type { PrintedCopyCheck } from '../../../src-shared/contract/printing.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import { checkPrintedCopy } from '../documents/signing.js';
import { parsePayload } from '../printcheck/index.js';
import type { Store } from '../store/store.js';

/**
 * A printed copy checked from its QR alone, with no document chosen first: the code names the
 * document; a code naming none of ours is from another institution or another installation.
 */
export async function checkCopy(store: Store, payload: string): Promise<PrintedCopyCheck> {
  const { documentId } = parsePayload(payload);
  const doc = store.get('documents', documentId);
  if (!doc) {
    throw new AppError(
      'NOT_FOUND',
      'Este código QR no corresponde a ningún documento de este archivo: puede ser de otra institución, de otra oficina o de una copia no emitida por Sesiona.',
    );
  }
  const r = await checkPrintedCopy(store, doc.id, payload);
  const session = doc.sessionId ? store.get('sessions', doc.sessionId) : undefined;
  return {
    matches: r.matches,
    reasons: r.reasons,
    signatures: r.signatures,
    selloValid: r.selloValid,
    document: { id: doc.id, title: doc.title, kind: doc.kind, status: doc.status, ...(session ? { sessionKey: session.key } : {}) },
    signers: doc.signers.map((s) => ({
      name: s.name,
      role: s.role,
      status: s.status,
      ...(s.signedAt ? { signedAt: s.signedAt } : {}),
      ...(s.certificateNumber ? { certificateNumber: s.certificateNumber } : {}),
    })),
  };
}
