import { AppError } from '../../../src-shared/contract/errors.js';
import type { KeyStore } from './keystore.js';
import { PassphraseKeyStore } from './passphrase-keystore.js';

/** Key store outside Electron: passphrase-wrapped, or locked until a passphrase is supplied. */
export function nodeKeyStore(passphrase: string | undefined): KeyStore {
  if (passphrase) return new PassphraseKeyStore(passphrase);
  const locked = (): never => {
    throw new AppError('LOCKED', 'Las claves están bloqueadas: inicie Sesiona con una frase de acceso (SESIONA_PASSPHRASE o --passphrase-file).');
  };
  return { kind: 'passphrase', protect: async () => locked(), unprotect: async () => locked() };
}
