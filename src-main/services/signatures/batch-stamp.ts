/**
 * Batch stamping: one signed one-page acknowledgement per item, written as `<folio>.pdf`, spread
 * over worker threads. Each worker builds the template once and gets items in chunks on demand,
 * so a slow worker never leaves the others idle and progress arrives every chunk.
 */
import { readdirSync, unlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../src-shared/contract/errors.js';
import {
  createAcknowledgementTemplate,
  type AcknowledgementItem,
  type AcknowledgementOptions,
  type AcknowledgementSigner,
} from '../pdf/acknowledgement.js';
import type { FromWorker, ToWorker, WorkerSetup } from './batch-worker.js';

export interface StampBatchOptions {
  items: AcknowledgementItem[];
  signer: AcknowledgementSigner;
  outDir: string;
  /** Institute, title, date… shared by every document; date defaults to today. */
  document?: Partial<AcknowledgementOptions>;
  /** Default: os.availableParallelism(). */
  workers?: number;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

export interface StampFailure {
  folio: string;
  /** Spanish, fit for the screen. */
  reason: string;
}

export interface StampBatchResult {
  written: number;
  failed: StampFailure[];
  cancelled: boolean;
  outDir: string;
  ms: number;
}

export const FOLIO_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Upper bound of documents between two progress reports from one worker. */
const MAX_CHUNK = 100;
/** How long a cancelled worker may take to finish its current document before it is terminated. */
const STOP_GRACE_MS = 5_000;

/** Temp names start with a dot and end in .tmp so a listing of `*.pdf` never shows half a document. */
export function tempName(folio: string, thread: number): string {
  return `.${folio}.pdf.${thread}.tmp`;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Under tsx/vitest this module is TypeScript and so is the worker. On Node 20 a worker started
 * with `execArgv: ['--import', 'tsx']` still fails with "Unknown file extension .ts" (the loader
 * hooks do not reach the worker's entry module, inherited or not), so the worker starts from a tiny
 * data: module that loads the real entry through tsx's own API; tsx is resolved from this file, so
 * the working directory does not matter. A bundled build ships batch-worker.js next to this file.
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./batch-worker.js', import.meta.url);
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./batch-worker.ts', import.meta.url).href;
  const code = `const { tsImport } = await import(${JSON.stringify(api)});\nawait tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Splits items into the ones worth sending to a worker and the ones that fail up front. */
function screen(items: AcknowledgementItem[]): { valid: AcknowledgementItem[]; failed: StampFailure[] } {
  const valid: AcknowledgementItem[] = [];
  const failed: StampFailure[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const folio = typeof item?.folio === 'string' ? item.folio : String(item?.folio ?? '');
    if (!FOLIO_PATTERN.test(folio)) {
      failed.push({
        folio,
        reason: 'El folio no es válido: use de 1 a 64 letras sin acentos, dígitos, guiones o guiones bajos.',
      });
    } else if (seen.has(folio.toLowerCase())) {
      // Case-insensitive: on Windows and macOS A1.pdf and a1.pdf are the same file.
      failed.push({ folio, reason: 'El folio está repetido en el lote; solo se generó el primero.' });
    } else {
      seen.add(folio.toLowerCase());
      valid.push(item);
    }
  }
  return { valid, failed };
}

/**
 * Generates and writes the batch. Per-item problems end up in `failed` (Spanish reasons) and never
 * stop the batch; an invalid signer or document setup rejects with an AppError before any file is
 * written. Aborting stops the workers after their current document and keeps what was written.
 */
export async function stampBatch(options: StampBatchOptions): Promise<StampBatchResult> {
  const started = performance.now();
  const outDir = resolve(options.outDir);
  const total = options.items.length;
  const document: AcknowledgementOptions = { ...options.document, date: options.document?.date ?? today() };
  const { signal, onProgress } = options;

  try {
    // Same checks the workers will make, once, so a bad signer is one error and not N failures.
    createAcknowledgementTemplate(options.signer, document);
  } catch (err) {
    // Base30Error keeps its Spanish text apart; the other errors here are Spanish already.
    const spanish = (err as { messageEs?: string } | null)?.messageEs;
    throw new AppError('INVALID_ARGUMENT', spanish ?? (err instanceof Error ? err.message : String(err)));
  }
  await mkdir(outDir, { recursive: true });

  const { valid, failed } = screen(options.items);
  let written = 0;
  let done = failed.length;
  if (signal?.aborted) return { written, failed, cancelled: true, outDir, ms: performance.now() - started };
  if (valid.length === 0) {
    onProgress?.(done, total);
    return { written, failed, cancelled: false, outDir, ms: performance.now() - started };
  }

  const wanted = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  // Small batches get small chunks so every worker has a share and progress still moves.
  const chunkSize = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(valid.length / (wanted * 4))));
  const count = Math.min(wanted, Math.ceil(valid.length / chunkSize));
  const cancel = new SharedArrayBuffer(4);
  const cancelFlag = new Int32Array(cancel);
  const setup: WorkerSetup = { signer: options.signer, document, outDir, cancel };
  const entry = workerEntry();

  return new Promise<StampBatchResult>((resolvePromise, rejectPromise) => {
    let next = 0;
    let cancelled = false;
    let settled = false;
    const live = new Map<Worker, { ready: boolean; inFlight: AcknowledgementItem[] | null; threadId: number }>();
    const forced: number[] = [];
    let graceTimer: NodeJS.Timeout | undefined;

    const finishIfIdle = (): void => {
      if (settled || live.size > 0) return;
      settled = true;
      if (graceTimer) clearTimeout(graceTimer);
      signal?.removeEventListener('abort', onAbort);
      if (forced.length > 0) removeTemps(outDir, forced);
      if (!cancelled) {
        // Items left in the queue had no worker left to take them.
        for (; next < valid.length; next++) failed.push({ folio: valid[next]!.folio, reason: 'El proceso de generación se detuvo antes de llegar a este documento.' });
        done = written + failed.length;
        onProgress?.(done, total);
      }
      resolvePromise({ written, failed, cancelled, outDir, ms: performance.now() - started });
    };

    const retire = (worker: Worker): void => {
      live.delete(worker);
      void worker.terminate();
      finishIfIdle();
    };

    const feed = (worker: Worker): void => {
      const state = live.get(worker);
      if (!state) return; // retired by an abort raised from onProgress
      if (cancelled || next >= valid.length) {
        state.inFlight = null;
        retire(worker);
        return;
      }
      const items = valid.slice(next, next + chunkSize);
      next += items.length;
      state.inFlight = items;
      worker.postMessage({ type: 'chunk', items } satisfies ToWorker);
    };

    function onAbort(): void {
      if (cancelled || settled) return;
      cancelled = true;
      Atomics.store(cancelFlag, 0, 1);
      for (const [worker, state] of live) if (!state.inFlight) retire(worker);
      if (settled) return;
      graceTimer = setTimeout(() => {
        for (const [worker, state] of live) {
          forced.push(state.threadId);
          retire(worker);
        }
      }, STOP_GRACE_MS);
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    for (let i = 0; i < count; i++) {
      const worker = new Worker(entry, { workerData: setup });
      live.set(worker, { ready: false, inFlight: null, threadId: worker.threadId });

      worker.on('message', (msg: FromWorker) => {
        const state = live.get(worker);
        if (!state) return;
        if (msg.type === 'ready') {
          state.ready = true;
          feed(worker);
          return;
        }
        state.inFlight = null;
        written += msg.written;
        failed.push(...msg.failed);
        done = written + failed.length;
        onProgress?.(done, total); // may abort, which must be seen before feeding more
        feed(worker);
      });

      worker.on('error', (err) => {
        const state = live.get(worker);
        if (!state || settled) return;
        if (!state.ready) {
          // A worker that cannot even start is a setup problem, not a per-document one.
          settled = true;
          if (graceTimer) clearTimeout(graceTimer);
          Atomics.store(cancelFlag, 0, 1);
          for (const w of live.keys()) void w.terminate();
          signal?.removeEventListener('abort', onAbort);
          rejectPromise(new AppError('INTERNAL', `No se pudo iniciar la generación de documentos: ${err.message}`));
          return;
        }
        for (const item of state.inFlight ?? []) {
          failed.push({ folio: item.folio, reason: 'El proceso de generación falló mientras se generaba este lote de documentos.' });
        }
        forced.push(state.threadId);
        retire(worker);
      });

      worker.on('exit', () => {
        if (live.has(worker) && !settled) {
          const state = live.get(worker)!;
          for (const item of state.inFlight ?? []) {
            failed.push({ folio: item.folio, reason: 'El proceso de generación terminó antes de escribir este documento.' });
          }
          forced.push(state.threadId);
          live.delete(worker);
          finishIfIdle();
        }
      });
    }
  });
}

/** Removes temp files of workers that were terminated mid-document. */
function removeTemps(outDir: string, threads: number[]): void {
  const suffixes = threads.map((t) => `.pdf.${t}.tmp`);
  for (const name of readdirSync(outDir)) {
    if (name.startsWith('.') && suffixes.some((s) => name.endsWith(s))) {
      try {
        unlinkSync(join(outDir, name));
      } catch {
        // already gone
      }
    }
  }
}
