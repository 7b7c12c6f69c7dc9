import { safeStorage } from 'electron';
import { AppError } from '../../src-shared/contract/errors.js';
import type { KeyStore } from '../services/keystore/keystore.js';

/** The data key wrapped by the OS key store (DPAPI, Keychain, libsecret/kwallet). */
export const safeStorageKeyStore: KeyStore = {
  kind: 'safeStorage',
  async protect(secret) {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new AppError('UNAVAILABLE', 'El almacén de claves del sistema no está disponible.');
    }
    return safeStorage.encryptString(secret.toString('base64'));
  },
  async unprotect(wrapped) {
    return Buffer.from(safeStorage.decryptString(wrapped), 'base64');
  },
};

/**
 * The OS key store when it really protects the key, else none (the vault then asks for a
 * passphrase in Ajustes). On Linux without a secret service, safeStorage falls back to
 * `basic_text`, which encrypts with a password hard-coded in Chromium: no protection at all.
 */
export function osKeyStore(platform: NodeJS.Platform = process.platform): KeyStore | undefined {
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return undefined;
  }
  return safeStorageKeyStore;
}
