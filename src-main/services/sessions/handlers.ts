import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { createSession, getSession, listSessions, setSessionStatus } from './sessions.js';

export const sessionsHandlers = {
  'commissions.list': ({ store }) => store.all('commissions').sort((a, b) => a.acronym.localeCompare(b.acronym)),
  'sessions.list': ({ store }, args) => listSessions(store, args),
  'sessions.get': ({ store }, args) => getSession(store, args.id),
  'sessions.create': ({ store, actor }, args) => store.mutate(createSession, args, actor),
  'sessions.setStatus': ({ store, actor }, args) => store.mutate(setSessionStatus, args, actor),
  'calendars.list': ({ store }, args) =>
    store.all('calendars').filter((c) => !args.commissionId || c.commissionId === args.commissionId),
} satisfies FeatureHandlers<FeatureCalls['sessions']>;
