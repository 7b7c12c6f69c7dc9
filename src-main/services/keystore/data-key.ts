import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors.js';
import { writeFileDurable } from '../store/durable.js';
import type { KeyStore } from './keystore.js';

/** Field names under which records point to content sealed with the data key. */
const SEALED_MARKERS = ['"sealed":', '"sealedKey":'].map((m) => Buffer.from(m));

/**
 * Whether anything in the folder was sealed with a data key: the journal and the shards name
 * every sealed blob. A plain byte search, since it runs only when the key file is missing.
 */
async function hasSealedData(dataDir: string): Promise<boolean> {
  const files: string[] = [];
  for (const name of await readdir(join(dataDir, 'audit')).catch(() => [] as string[])) files.push(join(dataDir, 'audit', name));
  for (const c of ['signatures', 'certificates', 'settings']) {
    for (const name of await readdir(join(dataDir, 'data', c)).catch(() => [] as string[])) files.push(join(dataDir, 'data', c, name));
  }
  for (const file of files) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    if (SEALED_MARKERS.some((m) => bytes.includes(m))) return true;
  }
  return false;
}

/**
 * The data key that encrypts strokes and private keys at rest. Created on first use, stored
 * only wrapped by the key store in keys/data-key.bin. Never created again while sealed data
 * exists: a new key would make every sealed signature and kept key unreadable.
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
  if (await hasSealedData(dataDir)) {
    throw new AppError(
      'STORAGE',
      'Falta la llave de datos (keys/data-key.bin) y hay firmas o claves guardadas con ella. No se creó una llave nueva, ' +
        'porque dejaría ilegibles esas firmas y claves. Restaure keys/data-key.bin desde un respaldo.',
    );
  }
  const key = randomBytes(32);
  await writeFileDurable(path, await keyStore.protect(key));
  return key;
}
