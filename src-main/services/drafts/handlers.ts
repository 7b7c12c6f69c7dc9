import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { appendDraftUpdate, readDraft } from './drafts.js';

export const draftsHandlers = {
  'drafts.get': ({ store }, args) => readDraft(store, args.id),
  'drafts.append': ({ store, actor }, args) => store.mutate(appendDraftUpdate, args, actor),
} satisfies FeatureHandlers<FeatureCalls['drafts']>;
