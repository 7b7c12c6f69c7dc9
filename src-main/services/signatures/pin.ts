import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
// A PIN has little entropy; the cost (and the attempt limit in the vault) is what protects it.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPin(pin: string): Promise<{ salt: string; hash: string }> {
  const salt = randomBytes(16);
  const hash = await scrypt(pin, salt, 32, PARAMS);
  return { salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export async function pinMatches(pin: string, stored: { salt: string; hash: string }): Promise<boolean> {
  const hash = await scrypt(pin, Buffer.from(stored.salt, 'base64'), 32, PARAMS);
  const expected = Buffer.from(stored.hash, 'base64');
  return expected.length === hash.length && timingSafeEqual(hash, expected);
}
