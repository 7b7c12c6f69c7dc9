import { join } from 'node:path';
import type { ArgsOf, BatchStatus } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { VaultKey } from '../keystore/vault-key.js';
import type { Store } from '../store/store.js';
import { recordBatch } from '../archive/batches.js';
import { stampBatch } from './batch-stamp.js';
import { parseCsv } from './legacy-file.js';
import { useSignature } from './vault.js';

interface Job {
  status: BatchStatus;
  abort: AbortController;
  started: number;
}

/**
 * Batch stamping jobs run in the background of the host process; the screen polls their status.
 * Output goes to <data>/lotes/<job id>/ as one PDF per folio.
 */
export class BatchJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly store: Store,
    private readonly vault: VaultKey,
  ) {}

  async start(args: ArgsOf<'batch.start'>, actor: string, newId: () => string): Promise<BatchStatus> {
    const items = parseApplicants(args.csv);
    const used = await useSignature(
      this.store,
      this.vault,
      { id: args.signatureId, pin: args.pin, purpose: `Lote de ${items.length} acuses de recibo` },
      actor,
    );
    const jobId = newId();
    const outDir = join(this.store.dataDir, 'lotes', jobId);
    const job: Job = {
      abort: new AbortController(),
      started: Date.now(),
      status: { jobId, state: 'en-curso', done: 0, total: items.length, written: 0, failed: [], outDir, seconds: 0 },
    };
    this.jobs.set(jobId, job);
    const update = (patch: Partial<BatchStatus>) => {
      job.status = { ...job.status, ...patch, seconds: (Date.now() - job.started) / 1000 };
    };
    stampBatch({
      items,
      signer: { name: used.personName, role: args.signerRole, strokes: used.strokes },
      outDir,
      document: { ...(args.date ? { date: args.date } : {}), ...(args.concept ? { concept: args.concept } : {}) },
      signal: job.abort.signal,
      onProgress: (done) => update({ done }),
    })
      .then(async (r) => {
        // Into the archive before the screen hears it is over, so "Archivo" already lists it.
        const title = `Lote de ${items.length} acuses de recibo${args.concept ? ` — ${args.concept}` : ''}`;
        const finished = {
          jobId,
          title,
          signerName: used.personName,
          signerRole: args.signerRole,
          total: items.length,
          failed: r.failed.length,
          cancelled: r.cancelled,
        };
        await recordBatch(this.store, finished, actor).catch((e: unknown) => console.error('[sesiona] batch not recorded in the archive:', e));
        return r;
      })
      .then(
        (r) => update({ state: r.cancelled ? 'cancelado' : 'terminado', written: r.written, failed: r.failed, done: r.cancelled ? job.status.done : items.length }),
        (e: unknown) => update({ state: 'error', error: e instanceof AppError ? e.message : 'El lote se detuvo por un error interno.' }),
      );
    return job.status;
  }

  status(jobId: string): BatchStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', 'El lote solicitado no existe.');
    if (job.status.state === 'en-curso') job.status = { ...job.status, seconds: (Date.now() - job.started) / 1000 };
    return job.status;
  }

  cancel(jobId: string): BatchStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', 'El lote solicitado no existe.');
    job.abort.abort();
    return job.status;
  }
}

/** CSV of applicants: header with «folio» and «nombre» columns. */
export function parseApplicants(csv: string): { folio: string; name: string }[] {
  const [header, ...rows] = parseCsv(csv);
  const cols = (header ?? []).map((h) => h.trim().toLowerCase());
  const folio = cols.indexOf('folio');
  const name = cols.findIndex((c) => c === 'nombre' || c === 'name');
  if (folio < 0 || name < 0) throw new AppError('INVALID_ARGUMENT', 'El CSV de solicitantes debe tener las columnas «folio» y «nombre».');
  if (rows.length === 0) throw new AppError('INVALID_ARGUMENT', 'El CSV de solicitantes no tiene filas.');
  if (rows.length > 100_000) throw new AppError('INVALID_ARGUMENT', 'El lote admite hasta 100,000 documentos.');
  return rows.map((r) => ({ folio: (r[folio] ?? '').trim(), name: (r[name] ?? '').trim() }));
}
