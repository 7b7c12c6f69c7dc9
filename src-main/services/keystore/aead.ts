import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors.js';

/** AES-256-GCM sealed box: version byte, 12-byte IV, 16-byte tag, ciphertext. */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer = Buffer.alloc(0)): Buffer {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), ct]);
}

export function open(key: Buffer, box: Buffer, aad: Buffer = Buffer.alloc(0)): Buffer {
  if (box.length < 29 || box[0] !== 1) throw new AppError('STORAGE', 'El dato cifrado está dañado o tiene un formato desconocido.');
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(1, 13));
  decipher.setAAD(aad);
  decipher.setAuthTag(box.subarray(13, 29));
  try {
    return Buffer.concat([decipher.update(box.subarray(29)), decipher.final()]);
  } catch {
    throw new AppError('STORAGE', 'No se pudo descifrar: la clave no corresponde o el dato fue alterado.');
  }
}
