import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import { requireRole } from '../accounts/authorize.js';
import type { FeatureHandlers } from '../context.js';
import { unlockSignature } from './unlock.js';
import { parseLegacyFile } from './legacy-file.js';
import { changePin, enrollSignature, importLegacy, summary, useSignature } from './vault.js';

export const signaturesHandlers = {
  'signatures.list': ({ store }) =>
    store
      .all('signatures')
      .sort((a, b) => a.personName.localeCompare(b.personName, 'es'))
      .map(summary),
  'signatures.enroll': (ctx, args) => {
    // A commissioner enrolls their own ink; the administration and the secretary may enroll it with them present.
    if (ctx.session?.personId !== args.personId) requireRole(ctx, ['admin', 'secretaria'], 'registrar la firma autógrafa de otra persona');
    return enrollSignature(ctx.store, ctx.vault, args, ctx.actor, ctx.ids.next);
  },
  'signatures.use': ({ store, vault, actor }, args) => useSignature(store, vault, args, actor),
  'signatures.unlock': (ctx, args) => {
    requireRole(ctx, ['admin'], 'desbloquear firmas');
    return unlockSignature(ctx.store, args.id, args.reason, ctx.actor);
  },
  'signatures.changePin': ({ store, vault, actor }, args) => changePin(store, vault, args.id, args.pin, args.newPin, actor),
  'signatures.import': ({ store, vault, actor, ids }, args) =>
    importLegacy(store, vault, parseLegacyFile(args.content, args.format), args.pin, actor, ids.next),
  'batch.start': ({ batches, actor, ids }, args) => batches.start(args, actor, ids.next),
  'batch.status': ({ batches }, args) => batches.status(args.jobId),
  'batch.cancel': ({ batches }, args) => batches.cancel(args.jobId),
} satisfies FeatureHandlers<FeatureCalls['signatures']>;
