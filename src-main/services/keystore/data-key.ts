import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurable } from '../store/durable.js';
import type { KeyStore } from './keystore.js';

/**
 * The data key that encrypts strokes and private keys at rest. Created on first use, stored
 * only wrapped by the key store in keys/data-key.bin.
 */
export async function loadDataKey(dataDir: string, keyStore: KeyStore): Promise<Buffer> {
  const path = join(dataDir, 'keys', 'data-key.bin');
  let wrapped: Buffer | undefined;
  try {
    wrapped = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (wrapped) return keyStore.unprotect(wrapped);
  const key = randomBytes(32);
  await writeFileDurable(path, await keyStore.protect(key));
  return key;
}
