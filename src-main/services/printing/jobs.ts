/**
 * Printing a stored document from the app: the exact stored version goes to the printer port,
 * and the job is then recorded through the store's mutation path (who, what, printer, copies),
 * so it is in the hash-chained audit log and in the document's timeline.
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

const recordJob = defineMutation({
  name: 'document.print',
  args: z.object({ job: z.custom<Omit<PrintJob, 'hlc'>>() }),
  apply: (ctx, args) => {
    if (!ctx.get('documents', args.job.documentId)) throw new AppError('NOT_FOUND', 'El documento solicitado no existe.');
    return { puts: [{ collection: 'printJobs', record: args.job }], result: () => summary(args.job) };
  },
});

function summary(j: Omit<PrintJob, 'hlc'>): PrintJobSummary {
  const { id, documentId, printer, copies, duplex, pages, jobId, printedBy, at } = j;
  return { id, documentId, printer, copies, duplex, jobId, printedBy, at, ...(pages ? { pages } : {}) };
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
    });
  } catch (e) {
    asAppError(e);
  }
  const dir = await mkdtemp(join(tmpdir(), 'sesiona-print-'));
  let receipt;
  try {
    const file = join(dir, doc.fileName);
    await writeFile(file, bytes, { mode: 0o600 });
    receipt = await portOf(ctx).print(file, options).catch(asAppError);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return ctx.store.mutate(
    recordJob,
    {
      job: {
        id: ctx.ids.next(),
        documentId: doc.id,
        pdf: doc.pdf,
        printer: receipt.printer,
        copies: options.copies,
        duplex: options.duplex,
        ...(options.pages ? { pages: options.pages } : {}),
        jobId: receipt.jobId,
        printedBy: ctx.actor,
        at: ctx.clock.now().toISOString(),
      },
    },
    ctx.actor,
  );
}

export function printJobs(ctx: ServiceContext, documentId?: string): PrintJobSummary[] {
  return ctx.store
    .all('printJobs')
    .filter((j) => !documentId || j.documentId === documentId)
    .sort((a, b) => b.at.localeCompare(a.at))
    .map(summary);
}
