/**
 * Signs many files with one signer. Signing is CPU-bound and synchronous; file I/O runs on
 * libuv's pool, so a few files in flight keep both busy. Each output is written to a temp file
 * beside it and renamed into place, so a failure never leaves a partial or unsigned output.
 */
import { readFile, rename, rm, writeFile } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../src-shared/contract/errors.js';
import { signPdf } from './incremental.js';
import type { PdfSigner, SignOptions } from './types.js';

export interface BatchFile {
  in: string;
  out: string;
}

export interface BatchProgress {
  done: number;
  total: number;
  file: BatchFile;
  /** Spanish message when this file failed. */
  error?: string;
}

export interface BatchResult {
  signed: number;
  failed: { file: BatchFile; message: string }[];
}

export interface BatchOptions {
  /** Files in flight at once. */
  concurrency?: number;
  /** fsync each output before renaming it (slower; for writes acknowledged to the user). */
  durable?: boolean;
}

let tempCounter = 0;

function messageOf(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const code = err instanceof Error && 'code' in err ? String(err.code) : '';
  if (code === 'ENOENT') return 'No se encontró el archivo o la carpeta de destino.';
  if (code === 'EACCES' || code === 'EPERM') return 'No hay permiso para leer o escribir el archivo.';
  if (code === 'ENOSPC') return 'No hay espacio en el disco.';
  return 'No se pudo firmar el archivo.';
}

// The callback API costs less per call than FileHandle here (measured ~6,400 vs ~1,200–6,000
// create+write+rename per second), and most of a batch's time is these calls.
const readFileAsync = promisify(readFile);
const writeFileAsync = promisify(writeFile);
const renameAsync = promisify(rename);
const rmAsync = promisify(rm);

async function writeAtomically(path: string, data: Buffer, durable: boolean): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
  try {
    if (durable) {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } else {
      await writeFileAsync(temp, data, { flag: 'wx' });
    }
    await renameAsync(temp, path);
  } catch (err) {
    await rmAsync(temp, { force: true });
    throw err;
  }
}

async function signOne(file: BatchFile, signer: PdfSigner, opts: SignOptions, durable: boolean): Promise<void> {
  const input = await readFileAsync(file.in);
  await writeAtomically(file.out, signPdf(input, signer, opts), durable);
}

/** Signs every file; failures are collected, not thrown, and leave no output. */
export async function signBatch(
  files: BatchFile[],
  signer: PdfSigner,
  opts: SignOptions = {},
  onProgress?: (progress: BatchProgress) => void,
  batchOptions: BatchOptions = {},
): Promise<BatchResult> {
  const concurrency = Math.max(1, Math.min(batchOptions.concurrency ?? 16, files.length || 1));
  const outputs = new Set<string>();
  for (const file of files) {
    if (outputs.has(file.out)) throw new AppError('INVALID_ARGUMENT', `El archivo de salida ${file.out} aparece más de una vez en el lote.`);
    if (file.in === file.out) throw new AppError('INVALID_ARGUMENT', `El archivo de salida no puede ser el mismo que el de entrada (${file.in}).`);
    outputs.add(file.out);
  }
  const result: BatchResult = { signed: 0, failed: [] };
  let nextIndex = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < files.length) {
      const file = files[nextIndex++] as BatchFile;
      let error: string | undefined;
      try {
        await signOne(file, signer, opts, batchOptions.durable ?? false);
        result.signed++;
      } catch (err) {
        error = messageOf(err);
        result.failed.push({ file, message: error });
      }
      done++;
      onProgress?.({ done, total: files.length, file, error });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result;
}
