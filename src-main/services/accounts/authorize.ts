import { AppError } from '../../../src-shared/contract/errors.js';
import type { AccountRole } from '../../../src-shared/domain/index.js';
import type { ServiceContext } from '../context.js';

export function hasRole(ctx: ServiceContext, roles: AccountRole[]): boolean {
  return Boolean(ctx.session?.roles.some((r) => roles.includes(r.role)));
}

/**
 * Screens need a signed-in account with one of the roles. The CLI without --user writes as the
 * OS user who owns the (owner-only) data folder, as the issue allows.
 */
export function requireRole(ctx: ServiceContext, roles: AccountRole[], what: string): void {
  if (!ctx.session && !ctx.requireSignIn) return;
  if (!ctx.session) throw new AppError('UNAUTHORIZED', 'Inicie sesión para continuar.');
  if (!hasRole(ctx, roles)) throw new AppError('UNAUTHORIZED', `Su cuenta no puede ${what}.`);
}

/** What a reviewer account may call: signing in and out, and the review rounds of its own office. */
const REVIEWER_CALLS: ReadonlySet<string> = new Set([
  'auth.status', 'auth.signIn', 'auth.signOut', 'review.rounds', 'review.get', 'review.comment', 'review.answer',
  // An office's laptop syncs (the server sends a revisor account only its office's rounds), and
  // its screens reload when answers arrive; connecting the laptop to a server is not for it.
  'sync.status', 'sync.now',
]);

/** An account whose only role is reviewing for an office. */
export const isReviewerOnly = (ctx: ServiceContext): boolean => Boolean(ctx.session?.roles.length && ctx.session.roles.every((r) => r.role === 'revisor'));

/**
 * Every call passes here (api.ts dispatch): an office's reviewer account reaches nothing but its
 * own office's review rounds, whatever screen or request it comes from.
 */
export function refuseOutOfScope(ctx: ServiceContext, call: string): void {
  if (isReviewerOnly(ctx) && !REVIEWER_CALLS.has(call)) {
    throw new AppError('UNAUTHORIZED', 'Su cuenta de revisión solo da acceso a las rondas de revisión enviadas a su oficina.');
  }
}

/**
 * Every call passes here first: the signed-in account is read again, so a role changed or an
 * account disabled (here, or on the server and cached at the last sync) counts from the next call.
 */
export function refreshSession(ctx: ServiceContext): void {
  if (!ctx.session) return;
  const account = ctx.store.get('accounts', ctx.session.accountId);
  if (!account || account.disabled) ctx.session = null;
  else if (account.roles !== ctx.session.roles || account.personId !== ctx.session.personId) ctx.session = { ...ctx.session, roles: account.roles, personId: account.personId };
}
