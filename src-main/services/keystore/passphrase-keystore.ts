import { randomBytes, scrypt as scryptCb } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../../../src-shared/contract/errors.js';
import { open, seal } from './aead.js';
import type { KeyStore } from './keystore.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/** scrypt cost: ~100 ms here, paid once per unlock. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** Key store for machines without an OS key store: the data key is wrapped under scrypt(passphrase). */
export class PassphraseKeyStore implements KeyStore {
  readonly kind = 'passphrase' as const;

  constructor(private readonly passphrase: string) {
    if (passphrase.length < 8) {
      throw new AppError('INVALID_ARGUMENT', 'La frase de acceso debe tener al menos 8 caracteres.');
    }
  }

  async protect(secret: Buffer): Promise<Buffer> {
    const salt = randomBytes(16);
    const kek = await scrypt(this.passphrase, salt, 32, PARAMS);
    return Buffer.concat([Buffer.from('SPK1'), salt, seal(kek, secret)]);
  }

  async unprotect(wrapped: Buffer): Promise<Buffer> {
    if (wrapped.subarray(0, 4).toString() !== 'SPK1' || wrapped.length < 20) {
      throw new AppError('STORAGE', 'El archivo de clave está dañado.');
    }
    const kek = await scrypt(this.passphrase, wrapped.subarray(4, 20), 32, PARAMS);
    try {
      return open(kek, wrapped.subarray(20));
    } catch {
      throw new AppError('UNAUTHORIZED', 'La frase de acceso es incorrecta.');
    }
  }
}
