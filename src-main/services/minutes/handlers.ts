import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { correctMinutes, createMinutes, lockMinutes, minutesPdf, minutesView, presentMinutes } from './minutes.js';

export const minutesHandlers = {
  'minutes.get': ({ store }, args) => minutesView(store, args.sessionId),
  'minutes.create': ({ store, actor }, args) => store.mutate(createMinutes, args, actor),
  'minutes.present': ({ store, actor }, args) => store.mutate(presentMinutes, args, actor),
  'minutes.lock': ({ store, vault, actor, ids }, args) => lockMinutes(store, vault, args.id, actor, ids.next),
  'minutes.correct': ({ store, actor }, args) => store.mutate(correctMinutes, args, actor),
  'minutes.pdf': ({ store }, args) => minutesPdf(store, args.id),
} satisfies FeatureHandlers<FeatureCalls['minutes']>;
