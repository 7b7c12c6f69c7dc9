import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import { requireRole } from '../accounts/authorize.js';
import type { FeatureHandlers } from '../context.js';
import { deleteDraft } from './delete.js';
import { appendDraftUpdate, readDraft } from './drafts.js';

export const draftsHandlers = {
  'drafts.get': ({ store }, args) => readDraft(store, args.id),
  'drafts.append': ({ store, actor }, args) => store.mutate(appendDraftUpdate, args, actor),
  'drafts.delete': (ctx, args) => {
    requireRole(ctx, ['admin', 'secretaria'], 'eliminar borradores');
    const { confirm: _confirmed, ...rest } = args;
    return ctx.store.mutate(deleteDraft, { ...rest, at: ctx.clock.now().toISOString() }, ctx.actor);
  },
} satisfies FeatureHandlers<FeatureCalls['drafts']>;
