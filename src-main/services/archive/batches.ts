/**
 * Batches of signed acknowledgements in the archive. A batch can hold tens of thousands of PDFs,
 * so they stay in lotes/<job>/ instead of becoming one document record each: the batch is one
 * record, and manifest.json in its folder lists every file's SHA-256 (its own hash is in the
 * record, so a file changed or swapped later is caught when the ZIP is made).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { BatchSummary } from '../../../src-shared/contract/archive.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { BatchResult } from '../../../src-shared/domain/index.js';
import { writeFileDurable } from '../store/durable.js';
import { defineMutation, type Store } from '../store/store.js';
import { zipWithManifest } from './zip.js';

const MANIFEST = 'manifest.json';
/** What one download may hold; a bigger batch is copied from its folder. */
export const MAX_ZIP_BYTES = 200 * 1024 * 1024;

interface BatchManifest {
  jobId: string;
  files: { name: string; bytes: number; sha256: string }[];
}

const recordBatchMutation = defineMutation({
  name: 'batch.record',
  args: z.object({ record: z.custom<Omit<BatchResult, 'hlc'>>() }),
  apply: (ctx, args) => {
    if (ctx.get('batchResults', args.record.id)) throw new AppError('CONFLICT', 'El lote ya está registrado en el archivo.');
    return { puts: [{ collection: 'batchResults', record: args.record }], result: () => undefined };
  },
});

export interface FinishedBatch {
  jobId: string;
  title: string;
  signerName: string;
  signerRole: string;
  total: number;
  failed: number;
  cancelled: boolean;
}

/** Writes the batch folder's manifest, then the record that makes the batch part of the archive. */
export async function recordBatch(store: Store, batch: FinishedBatch, actor: string): Promise<void> {
  const dir = join(store.dataDir, 'lotes', batch.jobId);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.pdf')).sort();
  const files: BatchManifest['files'] = [];
  for (const name of names) {
    const bytes = await readFile(join(dir, name));
    files.push({ name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  const manifest = Buffer.from(`${JSON.stringify({ jobId: batch.jobId, files } satisfies BatchManifest, null, 1)}\n`);
  await writeFileDurable(join(dir, MANIFEST), manifest);
  await store.mutate(
    recordBatchMutation,
    {
      record: {
        id: batch.jobId,
        jobId: batch.jobId,
        title: batch.title,
        signerName: batch.signerName,
        signerRole: batch.signerRole,
        createdAt: new Date().toISOString(),
        total: batch.total,
        written: files.length,
        failed: batch.failed,
        cancelled: batch.cancelled,
        bytes: files.reduce((n, f) => n + f.bytes, 0),
        manifestSha256: createHash('sha256').update(manifest).digest('hex'),
      },
    },
    actor,
  );
}

export function listBatches(store: Store): BatchSummary[] {
  return store
    .all('batchResults')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map(({ jobId, title, signerName, createdAt, total, written, failed, cancelled, bytes }) => ({
      jobId,
      title,
      signerName,
      createdAt,
      total,
      written,
      failed,
      cancelled,
      bytes,
    }));
}

export async function batchZip(store: Store, jobId: string): Promise<{ fileName: string; zip: Uint8Array }> {
  const batch = store.get('batchResults', jobId);
  if (!batch) throw new AppError('NOT_FOUND', 'El lote solicitado no está en el archivo.');
  const dir = join(store.dataDir, 'lotes', jobId);
  if (batch.bytes > MAX_ZIP_BYTES) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `El lote ocupa ${Math.round(batch.bytes / 1024 / 1024)} MB, más de lo que se descarga de una vez (${MAX_ZIP_BYTES / 1024 / 1024} MB). Copie la carpeta ${dir}.`,
    );
  }
  const damaged = new AppError('STORAGE', `Los archivos del lote en ${dir} fueron modificados o faltan; no coinciden con lo registrado.`);
  const manifestBytes = await readFile(join(dir, MANIFEST)).catch(() => {
    throw damaged;
  });
  if (createHash('sha256').update(manifestBytes).digest('hex') !== batch.manifestSha256) throw damaged;
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as BatchManifest;
  const files = [];
  for (const f of manifest.files) {
    if (!/^[^/\\]+\.pdf$/.test(f.name)) throw damaged;
    const path = join(dir, f.name);
    const bytes = await readFile(path).catch(() => {
      throw damaged;
    });
    if ((await stat(path)).size !== f.bytes || createHash('sha256').update(bytes).digest('hex') !== f.sha256) throw damaged;
    files.push({ name: f.name, bytes });
  }
  const zip = zipWithManifest(files, { format: 'sesiona-lote', jobId, title: batch.title, signer: batch.signerName, failed: batch.failed, cancelled: batch.cancelled });
  return { fileName: `lote-${batch.createdAt.slice(0, 10)}-${jobId}.zip`, zip };
}
