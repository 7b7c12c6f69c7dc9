import { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { TrustRoot } from '../../../src-shared/domain/index.js';
import { certificateInfo, readCertificate } from '../certificates/info.js';
import { defineMutation, type Store } from '../store/store.js';

const addRoot = defineMutation({
  name: 'trust.add',
  args: z.object({ record: z.custom<Omit<TrustRoot, 'hlc'>>() }),
  apply: (_ctx, args) => ({ puts: [{ collection: 'trustRoots', record: args.record }], result: () => args.record as TrustRoot }),
});

/**
 * The roots the user trusts (e.g. the SAT's, or the institutional test CA). Certificates are
 * blobs; the record keeps what the screen shows.
 */
export async function addTrustRoot(store: Store, der: Buffer, actor: string, newId: () => string): Promise<TrustRoot> {
  const cert = readCertificate(der);
  const info = certificateInfo(cert);
  if (store.all('trustRoots').some((r) => r.fingerprint === info.fingerprintSha256)) {
    throw new AppError('CONFLICT', 'Ese certificado ya está en el almacén de confianza.');
  }
  const sha = await store.blobs.put(cert);
  return store.mutate(
    addRoot,
    { record: { id: newId(), name: info.subjectName, fingerprint: info.fingerprintSha256, certificate: sha, notAfter: info.notAfter, addedAt: new Date().toISOString() } },
    actor,
  );
}

export async function trustedRoots(store: Store): Promise<Buffer[]> {
  return Promise.all(store.all('trustRoots').map((r) => store.blobs.get(r.certificate)));
}
