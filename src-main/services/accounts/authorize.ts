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
