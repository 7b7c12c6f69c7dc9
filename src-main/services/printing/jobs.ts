/**
 * Printing a stored document from the app: the job is recorded through the store's mutation path
 * (who, what, printer, copies) before the exact stored version goes to the printer port, and its
 * outcome after, so every job that reached a printer is in the hash-chained audit log and in the
 * document's timeline, even when the process stops in between.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { ParsedArgsOf } from '../../../src-shared/contract/calls.js';
import type { PrintJobSummary, PrinterSummary } from '../../../src-shared/contract/printing.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { PrintJob } from '../../../src-shared/domain/index.js';
import type { ServiceContext } from '../context.js';
import { defineMutation } from '../store/store.js';
import { pagesToPrint, parsePageRanges } from '../../../src-shared/printing/page-ranges.js';
import { textIndex } from '../archive/archive.js';
import { checkPdf, checkPrintOptions, PrintError, systemPrinters, type PrinterPort } from './index.js';

const ports = new WeakMap<object, PrinterPort>();

/** Which printer port an open app prints through (the OS's by default; tests give their own). */
export function usePrinters(ctx: ServiceContext, port: PrinterPort): void {
  ports.set(ctx.store, port);
}

function portOf(ctx: ServiceContext): PrinterPort {
  let port = ports.get(ctx.store);
  if (!port) ports.set(ctx.store, (port = systemPrinters()));
  return port;
}

/** Printing failures as the screen shows them (the port's Spanish message, a stable code). */
function asAppError(e: unknown): never {
  if (e instanceof PrintError) {
    const code = e.failure === 'BAD_INPUT' ? 'INVALID_ARGUMENT' : e.failure === 'NO_PRINTER' ? 'NOT_FOUND' : 'UNAVAILABLE';
    throw new AppError(code, e.spanish);
  }
  throw e;
}

export async function listPrinters(ctx: ServiceContext): Promise<PrinterSummary[]> {
  return portOf(ctx).list().catch(asAppError);
}

type JobRecord = Omit<PrintJob, 'hlc'>;

/** The journal is written before the job is sent, so a job the printer got is never missing from it. */
const recordIntent = defineMutation({
  name: 'document.printIntent',
  args: z.object({ job: z.custom<JobRecord>() }),
  apply: (ctx, args) => {
    if (!ctx.get('documents', args.job.documentId)) throw new AppError('NOT_FOUND', 'El documento solicitado no existe.');
    return { puts: [{ collection: 'printJobs', record: args.job }], result: () => summary(args.job) };
  },
});

/** What became of a recorded intent: sent with the system's job id, or never received. */
const recordOutcome = defineMutation({
  name: 'document.print',
  args: z.object({
    id: z.string(),
    state: z.enum(['enviado', 'no-enviado']),
    printer: z.string().optional(),
    jobId: z.string().optional(),
    reconciled: z.boolean().optional(),
  }),
  apply: (ctx, args) => {
    const job = ctx.get('printJobs', args.id);
    if (!job) throw new AppError('NOT_FOUND', 'El trabajo de impresión no existe.');
    if (job.state !== 'enviando') return { puts: [], result: () => summary(job) };
    const { hlc: _hlc, ...rest } = job;
    const next: JobRecord = {
      ...rest,
      state: args.state,
      ...(args.printer ? { printer: args.printer } : {}),
      ...(args.jobId ? { jobId: args.jobId } : {}),
      ...(args.reconciled ? { reconciled: true } : {}),
    };
    return { puts: [{ collection: 'printJobs', record: next }], result: () => summary(next) };
  },
});

function summary(j: JobRecord): PrintJobSummary {
  const { id, documentId, printer, copies, duplex, pages, jobId, printedBy, at } = j;
  return { id, documentId, printer, copies, duplex, jobId, printedBy, at, state: j.state ?? 'enviado', ...(pages ? { pages } : {}) };
}

/** Intents being sent by this process: never reconciled from under it. */
const inFlight = new WeakMap<object, Set<string>>();

function flying(ctx: ServiceContext): Set<string> {
  let set = inFlight.get(ctx.store);
  if (!set) inFlight.set(ctx.store, (set = new Set()));
  return set;
}

export async function printDocument(ctx: ServiceContext, args: ParsedArgsOf<'printing.print'>): Promise<PrintJobSummary> {
  const doc = ctx.store.get('documents', args.id);
  if (!doc) throw new AppError('NOT_FOUND', 'El documento solicitado no existe.');
  const bytes = await ctx.store.blobs.get(doc.pdf);
  let options;
  try {
    checkPdf(bytes, doc.fileName);
    options = checkPrintOptions({
      copies: args.copies,
      duplex: args.duplex,
      title: doc.title,
      ...(args.printer ? { printer: args.printer } : {}),
      ...(args.pages ? { pages: args.pages } : {}),
    }, portOf(ctx).kind);
  } catch (e) {
    asAppError(e);
  }
  if (options.pages) {
    // The archive's text of the PDF has its pages separated by form feeds ('' when pdf.js could
    // not read it: then the printer alone decides).
    const { text } = await textIndex(ctx.store).text(doc.pdf);
    const count = text ? text.split('\f').length : 0;
    if (count && !pagesToPrint(parsePageRanges(options.pages)!.ranges, count).length) {
      throw new AppError('INVALID_ARGUMENT', `Ninguna página del intervalo «${options.pages}» existe: el documento tiene ${count === 1 ? '1 página' : `${count} páginas`}.`);
    }
  }
  // A printer that does not exist or a printing service that is down is refused before anything
  // is recorded; only a job about to be sent is journaled.
  const port = portOf(ctx);
  const printers = await port.list().catch(asAppError);
  const printer = options.printer ?? printers.find((p) => p.isDefault)?.name;
  if (!printer) throw new AppError('UNAVAILABLE', 'No hay una impresora predeterminada. Elija una impresora.');
  if (!printers.some((p) => p.name === printer)) throw new AppError('NOT_FOUND', `La impresora «${printer}» no existe en este equipo.`);
  const id = ctx.ids.next();
  // The key goes at the end of the job's title: the printing system's history is searched by it.
  const jobKey = `sesiona-${id.slice(-10).toLowerCase()}`;
  const flight = flying(ctx);
  flight.add(id);
  try {
    await ctx.store.mutate(
      recordIntent,
      {
        job: {
          id,
          documentId: doc.id,
          pdf: doc.pdf,
          printer,
          copies: options.copies,
          duplex: options.duplex,
          ...(options.pages ? { pages: options.pages } : {}),
          jobId: '',
          printedBy: ctx.actor,
          at: ctx.clock.now().toISOString(),
          state: 'enviando',
          jobKey,
        },
      },
      ctx.actor,
    );
    const dir = await mkdtemp(join(tmpdir(), 'sesiona-print-'));
    let receipt;
    try {
      const file = join(dir, doc.fileName);
      await writeFile(file, bytes, { mode: 0o600 });
      receipt = await port.print(file, { ...options, printer, title: `${options.title.slice(0, 100)} ${jobKey}` });
    } catch (e) {
      // lp can fail after the scheduler took the job (a timeout): its history has the last word.
      const found = await port.findJob?.(jobKey).then(
        (job) => ({ job }),
        () => undefined,
      );
      if (found?.job) {
        return await ctx.store.mutate(recordOutcome, { id, state: 'enviado', printer: found.job.printer, jobId: found.job.jobId }, ctx.actor);
      }
      const timedOut = e instanceof PrintError && /timed out/.test(e.english);
      // Refused before or by the printing system: nothing was printed, and the record says so.
      // Unknown (timed out, history unreadable): left 'enviando' for the next open to settle.
      if (found || !timedOut) await ctx.store.mutate(recordOutcome, { id, state: 'no-enviado' }, ctx.actor).catch(() => undefined);
      asAppError(e);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return await ctx.store.mutate(recordOutcome, { id, state: 'enviado', printer: receipt.printer, jobId: receipt.jobId }, ctx.actor);
  } finally {
    flight.delete(id);
  }
}

/**
 * Intents left 'enviando' by a process that stopped between sending a job and recording it:
 * the printing system's history says whether the job reached it. Run when the app opens; an
 * intent stays as it is when the system cannot be asked (it is retried on the next open).
 */
export function reconcilePrintJobs(ctx: ServiceContext): Promise<{ sent: number; notSent: number; unknown: number }> {
  return ctx.store.exclusive('printing.reconcile', async () => {
    const open = ctx.store.all('printJobs').filter((j) => j.state === 'enviando' && j.jobKey && !flying(ctx).has(j.id));
    const out = { sent: 0, notSent: 0, unknown: 0 };
    if (!open.length) return out;
    const port = portOf(ctx);
    for (const job of open) {
      let found;
      try {
        if (!port.findJob) throw new Error('no job history');
        found = await port.findJob(job.jobKey!);
      } catch {
        out.unknown++;
        continue;
      }
      if (found) {
        await ctx.store.mutate(recordOutcome, { id: job.id, state: 'enviado', printer: found.printer, jobId: found.jobId, reconciled: true }, 'sistema');
        out.sent++;
      } else {
        await ctx.store.mutate(recordOutcome, { id: job.id, state: 'no-enviado', reconciled: true }, 'sistema');
        out.notSent++;
      }
    }
    return out;
  });
}

export function printJobs(ctx: ServiceContext, documentId?: string): PrintJobSummary[] {
  return ctx.store
    .all('printJobs')
    .filter((j) => !documentId || j.documentId === documentId)
    .sort((a, b) => b.at.localeCompare(a.at))
    .map(summary);
}
