/**
 * Worker thread of stampBatch: builds the acknowledgement template once (fonts, ink, shared
 * content), then renders and writes the chunks of items the main thread hands it.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import {
  createAcknowledgementTemplate,
  type AcknowledgementItem,
  type AcknowledgementOptions,
  type AcknowledgementSigner,
} from '../pdf/acknowledgement.js';
import { tempName } from './batch-stamp.js';

export interface WorkerSetup {
  signer: AcknowledgementSigner;
  document: AcknowledgementOptions;
  outDir: string;
  /** Int32Array[0] !== 0 means stop: checked between documents, since the render loop never yields to messages. */
  cancel: SharedArrayBuffer;
}

export type ToWorker = { type: 'chunk'; items: AcknowledgementItem[] };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'chunk'; written: number; failed: { folio: string; reason: string }[]; processed: number; stopped: boolean };

function reasonOf(err: unknown): string {
  if (err instanceof Error && (err.name === 'AcknowledgementError' || err.name === 'InkError')) return err.message;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') return 'No se pudo guardar el documento: el disco está lleno.';
  if (code === 'EACCES' || code === 'EPERM') return 'No se pudo guardar el documento: no hay permiso de escritura en la carpeta.';
  if (code) return `No se pudo guardar el documento (${code}).`;
  return `No se pudo generar el documento: ${err instanceof Error ? err.message : String(err)}`;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('batch-worker must run in a worker thread');
  const setup = workerData as WorkerSetup;
  const cancel = new Int32Array(setup.cancel);
  const template = createAcknowledgementTemplate(setup.signer, setup.document);
  port.postMessage({ type: 'ready' } satisfies FromWorker);

  port.on('message', async (msg: ToWorker) => {
    let written = 0;
    let processed = 0;
    let stopped = false;
    const failed: { folio: string; reason: string }[] = [];
    for (const item of msg.items) {
      if (Atomics.load(cancel, 0) !== 0) {
        stopped = true;
        break;
      }
      const tmp = join(setup.outDir, tempName(item.folio, threadId));
      try {
        const bytes = await template.render(item);
        // Batch output, not user data: no fsync, but rename keeps every file whole or absent.
        writeFileSync(tmp, bytes);
        renameSync(tmp, join(setup.outDir, `${item.folio}.pdf`));
        written++;
      } catch (err) {
        try {
          unlinkSync(tmp);
        } catch {
          // nothing was written
        }
        failed.push({ folio: item.folio, reason: reasonOf(err) });
      }
      processed++;
    }
    port.postMessage({ type: 'chunk', written, failed, processed, stopped } satisfies FromWorker);
  });
}

await main();
