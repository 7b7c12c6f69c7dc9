import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors.js';
import { loadDataKey } from './data-key.js';
import type { KeyStore } from './keystore.js';
import { PassphraseKeyStore } from './passphrase-keystore.js';

/**
 * Holds the data key once unlocked. Electron unlocks at start through safeStorage; the web host
 * and the CLI unlock with a passphrase (from the environment, a file, or the Ajustes screen).
 */
export class VaultKey {
  private key: Buffer | undefined;

  constructor(
    private readonly dataDir: string,
    private keyStore: KeyStore | undefined,
  ) {}

  get kind(): KeyStore['kind'] {
    return this.keyStore?.kind ?? 'passphrase';
  }

  /** Whether a data key exists yet: the first passphrase typed sets it, so the screen asks for it twice. */
  get initialized(): boolean {
    return existsSync(join(this.dataDir, 'keys', 'data-key.bin'));
  }

  get unlocked(): boolean {
    return this.key !== undefined;
  }

  /** Unlocks with the configured key store (safeStorage or a passphrase given at start). */
  async unlockWithKeyStore(): Promise<void> {
    if (!this.keyStore) return;
    this.key = await loadDataKey(this.dataDir, this.keyStore);
  }

  async unlockWithPassphrase(passphrase: string): Promise<void> {
    if (this.keyStore && this.keyStore.kind !== 'passphrase') {
      throw new AppError('CONFLICT', 'Esta instalación protege sus claves con el almacén del sistema; no usa frase de acceso.');
    }
    const store = new PassphraseKeyStore(passphrase);
    this.key = await loadDataKey(this.dataDir, store);
    this.keyStore = store;
  }

  dataKey(): Buffer {
    if (!this.key) {
      throw new AppError('LOCKED', 'El almacén de firmas está bloqueado: desbloquéelo en la sección Firmas con su frase de acceso.');
    }
    return this.key;
  }
}
