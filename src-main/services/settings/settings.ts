import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { z } from 'zod';
import type { Settings } from '../../../src-shared/domain/index.js';
import { sealCertificate } from '../certificates/test-ca.js';
import { open, seal } from '../keystore/aead.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { defineMutation, type Store } from '../store/store.js';

const putSettings = defineMutation({
  name: 'settings.update',
  args: z.object({ record: z.custom<Omit<Settings, 'hlc'>>() }),
  apply: (_ctx, args) => ({ puts: [{ collection: 'settings', record: args.record }], result: () => args.record as Settings }),
});

export function currentSettings(store: Store, newId: () => string): Omit<Settings, 'hlc'> {
  return store.all('settings')[0] ?? { id: newId(), tsaUrl: '' };
}

export async function setTsaUrl(store: Store, url: string, actor: string, newId: () => string): Promise<{ tsaUrl: string }> {
  const record = await store.mutate(putSettings, { record: { ...currentSettings(store, newId), tsaUrl: url } }, actor);
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
  const settings = currentSettings(store, newId);
  const key = vault.dataKey();
  if (settings.seal) {
    const der = open(key, await store.blobs.get(settings.seal.sealedKey), Buffer.from('sello'));
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return { certificate: await store.blobs.get(settings.seal.certificate), sign: (data) => rsaSign('sha256', data, privateKey) };
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certificate = sealCertificate(`Sello de documentos — ${institute}`, privateKey, createPublicKey(privateKey));
  void publicKey;
  const certSha = await store.blobs.put(certificate);
  const keySha = await store.blobs.put(seal(key, privateKey.export({ type: 'pkcs8', format: 'der' }), Buffer.from('sello')));
  await store.mutate(putSettings, { record: { ...settings, seal: { certificate: certSha, sealedKey: keySha } } }, actor);
  return { certificate, sign: (data) => rsaSign('sha256', data, privateKey) };
}
