import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';

export const auditHandlers = {
  'audit.list': ({ store }, args) => store.auditEntries(args.limit, args.before),
  'audit.verify': ({ store }) => store.verifyAudit(),
} satisfies FeatureHandlers<FeatureCalls['audit']>;
