import { createHash } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { HeadAnchor } from './head-anchor.js';
import { fsyncDir, writeFileDurable } from './durable.js';

/**
 * What a checkpoint wrote: every shard file with its hash, and the journal entry it reflects.
 * Opening trusts a shard only if its bytes match a manifest, and replays the journal after `seq`.
 */
export interface Manifest {
  format: 1;
  seq: number;
  /** Hash of journal entry `seq`: the chain head this checkpoint reflects. */
  hash: string;
  at: string;
  /** "sessions/2023.json" → sha256 of its bytes. */
  files: Record<string, string>;
  /**
   * Hashes an earlier checkpoint that failed half-way (a full disk) may have left in a shard;
   * carried until a checkpoint completes, so a retry that fails too never reads as tampering.
   */
  alternates?: Record<string, string[]>;
  /** The newest chain head signed with the office seal (this checkpoint's own when the key was unlocked). */
  anchor?: HeadAnchor;
  /** Earlier format: this checkpoint's own head (seq, hash) signed with the seal; read as `anchor`. */
  head?: { certificate: string; signature: string };
}

/** What the seal signs at a checkpoint: the journal entry it reflects and that entry's hash. */
export function headPayload(seq: number, hash: string): Buffer {
  return Buffer.from(`Sesiona: cabeza de la bitácora\n${seq}\n${hash}`, 'utf8');
}

export const MANIFEST = 'checkpoint.json';
/** Written before any shard of a checkpoint, renamed over MANIFEST after all of them are durable. */
export const NEXT_MANIFEST = 'checkpoint.next.json';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * lowdb's shape ({ records: [...] }), so lowdb or a person can still read a shard, with one
 * record per line: as readable as indented JSON for a person, and a third smaller to parse.
 * Takes the records already serialized, as runs of lines joined by ",\n".
 */
export function shardText(parts: string[]): string {
  const body = parts.filter((p) => p !== '').join(',\n');
  return body ? `{"records":[\n${body}\n]}\n` : '{"records":[]}\n';
}

async function readManifest(path: string, name: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const m = JSON.parse(text) as Manifest;
    if (m.format !== 1 || !Number.isInteger(m.seq) || typeof m.files !== 'object' || !m.files) throw new Error('shape');
    if (m.anchor !== undefined && !isAnchor(m.anchor)) throw new Error('anchor');
    if (!m.anchor && m.head) m.anchor = { seq: m.seq, hash: m.hash, ...m.head };
    return m;
  } catch {
    throw new AppError(
      'STORAGE',
      `El punto de control data/${name} está dañado. No se borró nada. Restáurelo desde un respaldo; ` +
        'si no lo tiene, muévalo fuera de la carpeta y Sesiona reconstruirá los datos desde la bitácora.',
    );
  }
}

function isAnchor(a: unknown): a is HeadAnchor {
  const x = a as HeadAnchor;
  return Boolean(x) && Number.isInteger(x.seq) && x.seq >= 0 && [x.hash, x.certificate, x.signature].every((v) => typeof v === 'string');
}

/** Whether the bytes of shard `rel` are what a checkpoint wrote. */
export function trusted(rel: string, sha: string, m: { current?: Manifest; next?: Manifest }): boolean {
  return m.current?.files[rel] === sha || m.next?.files[rel] === sha || Boolean(m.next?.alternates?.[rel]?.includes(sha));
}

export async function readManifests(dataDir: string): Promise<{ current?: Manifest; next?: Manifest }> {
  const dir = join(dataDir, 'data');
  const current = await readManifest(join(dir, MANIFEST), MANIFEST);
  const next = await readManifest(join(dir, NEXT_MANIFEST), NEXT_MANIFEST).catch(() => undefined);
  return { ...(current ? { current } : {}), ...(next ? { next } : {}) };
}

/**
 * Writes one checkpoint so that a crash at any point leaves a folder that opens: the next
 * manifest names the new hashes first, each shard is replaced atomically, then the manifest is
 * switched. Opening accepts a shard matching either manifest.
 */
export async function writeCheckpoint(dataDir: string, manifest: Manifest, contents: Map<string, string>): Promise<void> {
  const dir = join(dataDir, 'data');
  await writeFileDurable(join(dir, NEXT_MANIFEST), JSON.stringify(manifest, null, 2));
  for (const [rel, text] of contents) await writeFileDurable(join(dir, rel), text);
  await rename(join(dir, NEXT_MANIFEST), join(dir, MANIFEST));
  await fsyncDir(dir);
}
