import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/** scrypt cost of one PIN derivation, stored beside each wrapped key so it can be raised later. */
export interface PinKdf {
  salt: string;
  N: number;
  r: number;
  p: number;
}

/**
 * A 6-digit PIN has only 10^6 values, so the cost per guess is what protects a signature from
 * someone who holds the data key: 2^17 × 8 (128 MiB) takes ~0.27 s of one core here, so the
 * whole space takes about 3 days (`npm run bench -- pin` prints the figure on this machine).
 */
export const PIN_KDF_COST = { N: 2 ** 17, r: 8, p: 1 } as const;

/** Upper bounds on a stored cost, so a tampered record cannot make an unlock allocate gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 16;
const MAX_P = 16;

export function newPinKdf(): PinKdf {
  return { salt: randomBytes(16).toString('base64'), ...PIN_KDF_COST };
}

/** The PIN's share of a signature's key-encryption key; never stored, never logged. */
export async function derivePinKey(pin: string, kdf: PinKdf): Promise<Buffer> {
  const { N, r, p } = kdf;
  if (!(Number.isInteger(N) && N > 1 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P)) {
    throw new Error('stored PIN cost is out of range');
  }
  return scrypt(pin, Buffer.from(kdf.salt, 'base64'), 32, { N, r, p, maxmem: 256 * N * r + 16 * 1024 * 1024 });
}

/** Cost of the PIN hashes kept by versions before the PIN wrapped the signature's key. */
export const LEGACY_PIN_COST = { N: 2 ** 15, r: 8, p: 1 } as const;

/** Checks a PIN against a hash stored by an earlier version; used only to migrate such a record. */
export async function legacyPinMatches(pin: string, stored: { salt: string; hash: string }): Promise<boolean> {
  const hash = await scrypt(pin, Buffer.from(stored.salt, 'base64'), 32, { ...LEGACY_PIN_COST, maxmem: 64 * 1024 * 1024 });
  const expected = Buffer.from(stored.hash, 'base64');
  return expected.length === hash.length && timingSafeEqual(hash, expected);
}
