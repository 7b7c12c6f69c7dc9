import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { listActivities, saveActivity, setActivityProgress } from './activities.js';

export const activitiesHandlers = {
  'activities.list': ({ store }, args) => listActivities(store, args),
  'activities.save': ({ store, actor }, args) => store.mutate(saveActivity, args, actor),
  'activities.setProgress': ({ store, actor }, args) => store.mutate(setActivityProgress, args, actor),
  'programmes.list': ({ store }, args) =>
    store.all('programmes').filter((p) => !args.commissionId || p.commissionId === args.commissionId),
} satisfies FeatureHandlers<FeatureCalls['activities']>;
