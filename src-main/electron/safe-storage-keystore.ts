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
