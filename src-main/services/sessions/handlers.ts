import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { convene, convocatoriaFile } from './convene.js';
import { castVote, cancelSession, changeSessionStatus, createSession, getSession, listSessions, setAttendance, updateSession } from './sessions.js';

export const sessionsHandlers = {
  'commissions.list': ({ store }) => store.all('commissions').sort((a, b) => a.acronym.localeCompare(b.acronym)),
  'sessions.list': ({ store }, args) => listSessions(store, args),
  'sessions.get': ({ store }, args) => getSession(store, args.id),
  'sessions.create': ({ store, actor }, args) => store.mutate(createSession, args, actor),
  'sessions.update': ({ store, actor }, args) => store.mutate(updateSession, args, actor),
  'sessions.setStatus': ({ store, actor }, args) => store.mutate(changeSessionStatus, args, actor),
  'sessions.cancel': ({ store, actor }, args) => store.mutate(cancelSession, args, actor),
  'sessions.convene': ({ store, actor, ids }, args) => convene(store, args.id, actor, ids.next),
  'sessions.convocatoriaPdf': ({ store }, args) => convocatoriaFile(store, args.id),
  'sessions.attendance': ({ store, actor }, args) => store.mutate(setAttendance, args, actor),
  'sessions.vote': ({ store, actor }, args) => store.mutate(castVote, args, actor),
  'calendars.list': ({ store }, args) =>
    store.all('calendars').filter((c) => !args.commissionId || c.commissionId === args.commissionId),
} satisfies FeatureHandlers<FeatureCalls['sessions']>;
