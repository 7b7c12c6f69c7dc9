import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as rsaSign, X509Certificate, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Settings } from '../../../src-shared/domain/index.js';
import { sealCertificate } from '../printcheck/index.js';
import { open, seal } from '../keystore/aead.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { defineMutation, type MutationContext, type Store } from '../store/store.js';
import { AppError } from '../../../src-shared/contract/errors.js';

/** The settings as stored now; inside `apply` so two first changes cannot make two records. */
function settingsNow(ctx: Pick<MutationContext, 'all' | 'newId'>): Omit<Settings, 'hlc'> {
  return ctx.all('settings')[0] ?? { id: ctx.newId(), tsaUrl: '' };
}

const setTsaMutation = defineMutation({
  name: 'settings.update',
  args: z.object({ tsaUrl: z.string() }),
  apply: (ctx, { tsaUrl }) => {
    const record = { ...settingsNow(ctx), tsaUrl };
    return { puts: [{ collection: 'settings', record }], result: () => record };
  },
});

/** The office seal is made once: a second one would orphan every document sealed with the first. */
const setSealMutation = defineMutation({
  name: 'settings.update',
  args: z.object({ seal: z.object({ certificate: z.string(), sealedKey: z.string() }) }),
  apply: (ctx, { seal }) => {
    const current = settingsNow(ctx);
    if (current.seal) throw new AppError('CONFLICT', 'El sello de documentos de esta oficina ya existe.');
    const record = { ...current, seal };
    return { puts: [{ collection: 'settings', record }], result: () => record };
  },
});

function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  return a.export({ type: 'spki', format: 'der' }).equals(b.export({ type: 'spki', format: 'der' }));
}

export function currentSettings(store: Store, newId: () => string): Omit<Settings, 'hlc'> {
  return settingsNow({ all: (c) => store.all(c), newId });
}

export async function setTsaUrl(store: Store, url: string, actor: string, _newId: () => string): Promise<{ tsaUrl: string }> {
  const record = await store.mutate(setTsaMutation, { tsaUrl: url }, actor);
  return { tsaUrl: record.tsaUrl };
}

export interface SealSigner {
  certificate: Buffer;
  sign(data: Buffer): Buffer;
}

/**
 * The office's document-seal key, made on first use: RSA-2048, a self-signed certificate naming
 * the institute, the private key sealed with the data key like every other secret.
 */
export async function sealSigner(store: Store, vault: VaultKey, institute: string, actor: string, newId: () => string): Promise<SealSigner> {
  const key = vault.dataKey();
  // Made at most once, even when several documents are locked at the same moment.
  return store.exclusive('settings.seal', async () => {
    const settings = currentSettings(store, newId);
    if (settings.seal) {
      const der = open(key, await store.blobs.get(settings.seal.sealedKey), Buffer.from('sello'));
      const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      const certificate = await store.blobs.get(settings.seal.certificate);
      if (!samePublicKey(new X509Certificate(certificate).publicKey, createPublicKey(privateKey))) {
        // The key is sealed with the data key, so it is the office's; the certificate beside it was swapped.
        const message =
          'El certificado del sello de la oficina no corresponde a su llave: los datos fueron alterados y no se usó el sello. ' +
          'No se borró nada. Restaure las carpetas data/ y audit/ desde un respaldo.';
        store.reportProblem(message);
        throw new AppError('STORAGE', message);
      }
      const sign = (data: Buffer) => rsaSign('sha256', data, privateKey);
      store.setHeadSigner({ certificate: settings.seal.certificate, sign });
      return { certificate, sign };
    }
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const certificate = sealCertificate(`Sello de documentos — ${institute}`, privateKey, createPublicKey(privateKey));
    const certSha = await store.blobs.put(certificate);
    const keySha = await store.blobs.put(seal(key, privateKey.export({ type: 'pkcs8', format: 'der' }), Buffer.from('sello')));
    const sign = (data: Buffer) => rsaSign('sha256', data, privateKey);
    // The entry that creates the seal carries the first signed head: from it on, the folder expects one.
    await store.mutate(setSealMutation, { seal: { certificate: certSha, sealedKey: keySha } }, actor, { signHead: { certificate: certSha, sign } });
    return { certificate, sign };
  });
}

/**
 * Signs the audit chain head at every checkpoint with the office seal, once the data key is
 * unlocked and the seal exists, so a rewritten chain with a recomputed checkpoint is caught.
 */
export async function armChainHeadSigning(store: Store, vault: VaultKey): Promise<void> {
  if (!vault.unlocked || !currentSettings(store, () => '').seal) return;
  await sealSigner(store, vault, '', 'sistema', () => '');
}
