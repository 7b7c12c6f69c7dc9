import { z } from 'zod';
import type { CertificateView } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { StoredCertificate } from '../../../src-shared/domain/index.js';
import { open, seal } from '../keystore/aead.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { defineMutation, type Store } from '../store/store.js';
import { validity } from './info.js';
import type { Credentials } from './keys.js';
import { loadPkcs12 } from './pkcs12.js';
import { loadSatCredentials } from './sat.js';

export type CredentialFiles = { kind: 'sat'; cer: string; key: string } | { kind: 'p12'; p12: string };

const b64 = (s: string) => Buffer.from(s, 'base64');

/** Opens uploaded credentials: checks the password and that key and certificate match. */
export function openCredentials(files: CredentialFiles, password: string): Credentials {
  return files.kind === 'sat' ? loadSatCredentials(b64(files.cer), b64(files.key), password) : loadPkcs12(b64(files.p12), password);
}

export function certificateView(r: StoredCertificate): CertificateView {
  const v = validity(r.info);
  const { subjectName, rfc, curp, certificateNumber, issuerName, notBefore, notAfter } = r.info;
  return {
    id: r.id,
    kind: r.kind,
    info: { subjectName, rfc, curp, certificateNumber, issuerName, notBefore, notAfter },
    keyKept: Boolean(r.sealedKey),
    validity: v.status,
    warning: v.warning,
  };
}

const importMutation = defineMutation({
  name: 'certificate.import',
  args: z.object({ record: z.custom<Omit<StoredCertificate, 'hlc'>>() }),
  apply: (ctx, args) => {
    // Checked here too: two imports of the same file sent at once must not both be stored.
    assertNotImported(ctx.all('certificates'), args.record.info.fingerprintSha256);
    return { puts: [{ collection: 'certificates', record: args.record }], result: () => certificateView(args.record as StoredCertificate) };
  },
});

function assertNotImported(existing: StoredCertificate[], fingerprint: string): void {
  if (existing.some((c) => c.info.fingerprintSha256 === fingerprint)) throw new AppError('CONFLICT', 'Ese certificado ya fue importado.');
}

/**
 * Imports a certificate after proving the password opens the key. With keepKey the key file is
 * kept as uploaded (still password-protected) and sealed again with the data key.
 */
export async function importCertificate(
  store: Store,
  vault: VaultKey,
  args: { credentials: CredentialFiles; password: string; keepKey: boolean },
  actor: string,
  newId: () => string,
): Promise<CertificateView> {
  const credentials = openCredentials(args.credentials, args.password);
  assertNotImported(store.all('certificates'), credentials.info.fingerprintSha256);
  const id = newId();
  const certificate = await store.blobs.put(credentials.certificate);
  let sealedKey: string | undefined;
  if (args.keepKey) {
    const keyFile = args.credentials.kind === 'sat' ? b64(args.credentials.key) : b64(args.credentials.p12);
    sealedKey = await store.blobs.put(seal(vault.dataKey(), keyFile, Buffer.from(id)));
  }
  return store.mutate(
    importMutation,
    {
      record: {
        id,
        kind: args.credentials.kind,
        info: credentials.info,
        certificate,
        ...(sealedKey ? { sealedKey } : {}),
        importedAt: new Date().toISOString(),
      },
    },
    actor,
  );
}

/** Credentials of a stored certificate whose key was kept; the password is asked every time. */
export async function storedCredentials(store: Store, vault: VaultKey, certificateId: string, password: string): Promise<Credentials> {
  const record = store.get('certificates', certificateId);
  if (!record) throw new AppError('NOT_FOUND', 'El certificado solicitado no existe.');
  if (!record.sealedKey) throw new AppError('CONFLICT', 'La clave privada de ese certificado no se guardó; elija sus archivos de nuevo.');
  const keyFile = open(vault.dataKey(), await store.blobs.get(record.sealedKey), Buffer.from(record.id));
  const cer = await store.blobs.get(record.certificate);
  return record.kind === 'sat' ? loadSatCredentials(cer, keyFile, password) : loadPkcs12(keyFile, password);
}

/** Expired or not-yet-valid certificates are shown with a warning and never used to sign. */
export function assertUsableForSigning(info: Credentials['info'], now = new Date()): void {
  const v = validity(info, now);
  if (v.status !== 'valid') throw new AppError('INVALID_ARGUMENT', v.warning ?? 'El certificado no está vigente.');
}
