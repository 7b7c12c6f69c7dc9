import { readdir, readFile, rename, access } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST, sha256, type Manifest } from './checkpoint.js';
import { fsyncDir, writeFileDurable } from './durable.js';
import { GENESIS_HASH } from './audit-log.js';
import { segmentName } from './journal.js';

/**
 * Schema migrations, applied in order when a data folder was written by an older version.
 * Each migration rewrites the meta version only after its own changes are durable.
 */
export interface Migration {
  to: number;
  description: string;
  up(dataDir: string): Promise<void>;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export const migrations: Migration[] = [
  {
    to: 1,
    description: 'Primera versión del formato: colecciones por fragmentos, bitácora y blobs.',
    up: async () => {},
  },
  {
    to: 2,
    description: 'Bitácora por segmentos; los fragmentos pasan a ser puntos de control con manifiesto.',
    up: async (dataDir) => {
      const audit = join(dataDir, 'audit');
      if (await exists(join(audit, 'log.jsonl'))) {
        await rename(join(audit, 'log.jsonl'), join(audit, segmentName(1)));
        await fsyncDir(audit);
      }
      // Version 1 shards were rewritten on every write: trust them as they are, and replay the
      // whole journal over them (replaying a record already there changes nothing).
      const data = join(dataDir, 'data');
      if (await exists(join(data, MANIFEST))) return;
      const files: Record<string, string> = {};
      for (const collection of await readdir(data).catch(() => [] as string[])) {
        const names = await readdir(join(data, collection)).catch(() => [] as string[]);
        for (const file of names.filter((f) => f.endsWith('.json'))) {
          files[`${collection}/${file}`] = sha256(await readFile(join(data, collection, file)));
        }
      }
      const manifest: Manifest = { format: 1, seq: 0, hash: GENESIS_HASH, at: new Date().toISOString(), files };
      await writeFileDurable(join(data, MANIFEST), JSON.stringify(manifest, null, 2));
    },
  },
];

export const SCHEMA_VERSION = Math.max(...migrations.map((m) => m.to));
