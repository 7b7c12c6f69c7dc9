import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { instituteSettings, saveCalendar, saveCommission, saveInstitute } from './commissions.js';

export const commissionsHandlers = {
  'commissions.save': ({ store, actor }, args) => store.mutate(saveCommission, args, actor),
  'institute.get': ({ store }) => instituteSettings(store),
  'institute.save': ({ store, actor }, args) => saveInstitute(store, args, actor),
  'calendars.save': ({ store, actor }, args) => store.mutate(saveCalendar, args, actor),
} satisfies FeatureHandlers<FeatureCalls['commissions']>;
