import { hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors.js';
import { derivePinKey, newPinKdf, type PinKdf } from '../signatures/pin.js';
import { open, seal } from './aead.js';

/**
 * Each handwritten signature has its own random key, which seals its strokes. That key is
 * stored only wrapped under a key-encryption key derived from BOTH the data key and the PIN,
 * so the data key (or the passphrase, or the OS key store) alone cannot open the strokes.
 *
 * The wrapped key and its scrypt salt form the "key box". The box itself is sealed with the data
 * key and kept in blobs/, so nothing derived from the PIN appears in the journal or the shards:
 * the record holds only the box's sha256.
 */
interface KeyBox {
  v: 2;
  kdf: PinKdf;
  /** base64 of seal(KEK, signature key, aad = record id) */
  wrapped: string;
}

const INFO = Buffer.from('sesiona/signature-kek/v2');

function kek(dataKey: Buffer, pinKey: Buffer, id: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.concat([dataKey, pinKey]), Buffer.from(id), INFO, 32));
}

const boxAad = (id: string) => Buffer.from(`keybox:${id}`);

export function newSignatureKey(): Buffer {
  return randomBytes(32);
}

/** A PIN's derived share and the salt and cost that produced it. */
export interface PinShare {
  kdf: PinKdf;
  key: Buffer;
}

/**
 * Derives a PIN's share under a fresh salt (slow: one scrypt). An import gives every row the same
 * PIN, so it derives once and wraps each row's key with it; each row's KEK still differs (HKDF
 * is salted with the record id).
 */
export async function pinShare(pin: string): Promise<PinShare> {
  const kdf = newPinKdf();
  return { kdf, key: await derivePinKey(pin, kdf) };
}

/** The bytes of a key box for `signatureKey` under this PIN share. */
export function wrapSignatureKey(dataKey: Buffer, share: PinShare, id: string, signatureKey: Buffer): Buffer {
  const wrapped = seal(kek(dataKey, share.key, id), signatureKey, Buffer.from(id));
  const box: KeyBox = { v: 2, kdf: share.kdf, wrapped: wrapped.toString('base64') };
  return seal(dataKey, Buffer.from(JSON.stringify(box)), boxAad(id));
}

/**
 * The signature key, or null when the PIN is wrong. A box that the data key cannot open, or that
 * is malformed, is a storage problem, not a wrong PIN, so it does not count against the owner.
 */
export async function unwrapSignatureKey(dataKey: Buffer, pin: string, id: string, boxBytes: Buffer): Promise<Buffer | null> {
  let box: KeyBox;
  try {
    box = JSON.parse(open(dataKey, boxBytes, boxAad(id)).toString('utf8')) as KeyBox;
    if (box.v !== 2 || typeof box.wrapped !== 'string' || typeof box.kdf?.salt !== 'string') throw new Error('shape');
  } catch {
    throw new AppError('STORAGE', 'La llave de esta firma fue alterada o no corresponde a esta llave de datos; no puede usarse.');
  }
  let pinKey: Buffer;
  try {
    pinKey = await derivePinKey(pin, box.kdf);
  } catch {
    throw new AppError('STORAGE', 'La llave de esta firma tiene parámetros inválidos; no puede usarse.');
  }
  try {
    return open(kek(dataKey, pinKey, id), Buffer.from(box.wrapped, 'base64'), Buffer.from(id));
  } catch {
    return null;
  }
}
