import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { constanciaPdf } from './constancia.js';
import { timeline } from './timeline.js';

export const auditHandlers = {
  'audit.list': ({ store }, args) => store.auditEntries(args.limit, args.before),
  'audit.verify': ({ store }) => store.verifyAudit(),
  'audit.timeline': ({ store }, args) => timeline(store, args),
  'audit.constancia': async ({ store }, args) => {
    const { fileName, pdf } = await constanciaPdf(store, args.id);
    return { fileName, base64: Buffer.from(pdf).toString('base64') };
  },
} satisfies FeatureHandlers<FeatureCalls['audit']>;
