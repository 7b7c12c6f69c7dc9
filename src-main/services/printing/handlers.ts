import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import { checkCopy } from '../archive/check-copy.js';
import type { FeatureHandlers } from '../context.js';
import { listPrinters, printDocument, printJobs } from './jobs.js';

export const printingHandlers = {
  'printing.printers': (ctx) => listPrinters(ctx),
  'printing.print': (ctx, args) => printDocument(ctx, args),
  'printing.jobs': (ctx, args) => printJobs(ctx, args.documentId),
  'printing.checkCopy': ({ store }, args) => checkCopy(store, args.payload),
} satisfies FeatureHandlers<FeatureCalls['printing']>;
