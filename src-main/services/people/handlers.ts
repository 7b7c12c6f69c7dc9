import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import { addAccount, authStatus, accountView, clearSignInLock, setAccountDisabled, setupAdmin, signIn, signOut } from '../accounts/accounts.js';
import { requireRole } from '../accounts/authorize.js';
import type { FeatureHandlers } from '../context.js';
import { listPeople, rfcFromCertificate, saveMembership, savePerson } from './people.js';

const EDITORS = ['admin', 'secretaria'] as const;

export const peopleHandlers = {
  'people.list': ({ store }) => listPeople(store),
  'people.save': (ctx, args) => {
    requireRole(ctx, [...EDITORS], 'registrar ni editar personas');
    return ctx.store.mutate(savePerson, args, ctx.actor);
  },
  'people.rfcFromCertificate': (ctx, args) => {
    requireRole(ctx, [...EDITORS], 'registrar el RFC de una persona');
    return rfcFromCertificate(ctx.store, args, ctx.actor);
  },
  'memberships.save': (ctx, args) => {
    requireRole(ctx, [...EDITORS], 'cambiar los integrantes de una comisión');
    return ctx.store.mutate(saveMembership, args, ctx.actor);
  },
  'auth.status': (ctx) => authStatus(ctx),
  'auth.setup': (ctx, args) => setupAdmin(ctx, args),
  'auth.signIn': (ctx, args) => signIn(ctx, args.username, args.password),
  'auth.signOut': (ctx) => signOut(ctx),
  'accounts.list': (ctx) => {
    requireRole(ctx, ['admin', 'secretaria'], 'ver las cuentas');
    const now = ctx.clock.now();
    return ctx.store.all('accounts').map((a) => accountView(ctx.store, a, now));
  },
  'accounts.create': (ctx, args) => {
    requireRole(ctx, ['admin'], 'crear cuentas');
    return addAccount(ctx.store, args, ctx.actor, ctx.ids.next);
  },
  'accounts.setDisabled': (ctx, args) => {
    requireRole(ctx, ['admin'], 'desactivar cuentas');
    return setAccountDisabled(ctx.store, args.id, args.disabled, ctx.actor);
  },
  'accounts.clearSignInLock': (ctx, args) => {
    requireRole(ctx, ['admin'], 'desbloquear el acceso de una cuenta');
    return clearSignInLock(ctx, args.id, args.reason);
  },
} satisfies FeatureHandlers<FeatureCalls['people']>;
