import { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors.js';
import { formatClockTime } from '../../../src-shared/format.js';
import type { SignInFailures } from '../../../src-shared/domain/index.js';
import { defineMutation, type MutationContext, type Put } from '../store/store.js';

/**
 * Sign-in throttling per account. scrypt alone makes each guess cost ~80 ms, which still allows
 * tens of thousands of guesses a day at the laptop; after a few wrong passwords each further one
 * doubles the wait. The count lives in the store, so restarting the app does not reset it.
 */
export const FREE_FAILURES = 5;
const FIRST_DELAY_MS = 60_000;
const MAX_DELAY_MS = 60 * 60_000;
/** A wrong password a day old no longer counts: the count starts again. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

/** How long sign-in waits after this many wrong passwords in a row (0 before the limit). */
export function lockoutDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

/** The moment sign-in is allowed again for the account, or null when it is allowed now. */
export function lockedUntil(db: Pick<MutationContext, 'get'>, accountId: string, now: Date): string | null {
  const until = db.get('signInFailures', accountId)?.lockedUntil;
  return until && until > now.toISOString() ? until : null;
}

function waitText(until: string, now: Date): string {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
  return `Vuelva a intentarlo a las ${formatClockTime(until)} (en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}) o pida a la administración que desbloquee la cuenta.`;
}

/** Refuses a sign-in while the account waits out its delay, without checking the password. */
export function assertMaySignIn(db: Pick<MutationContext, 'get'>, accountId: string, username: string, now: Date): void {
  const until = lockedUntil(db, accountId, now);
  if (until) throw new AppError('LOCKED', `Demasiadas contraseñas incorrectas para «${username}». ${waitText(until, now)}`);
}

function record(accountId: string, failures: number, at: string, until: string | null): Omit<SignInFailures, 'hlc'> {
  return { id: accountId, accountId, failures, lastAt: at, lockedUntil: until };
}

/** One wrong password: counted, and from the limit on, the account waits a growing delay. */
export const recordWrongPassword = defineMutation({
  name: 'signIn.wrongPassword',
  args: z.object({ accountId: z.string(), username: z.string(), at: z.string() }),
  apply(ctx, args): { puts: Put[]; result: () => string | null } {
    const prev = ctx.get('signInFailures', args.accountId);
    const recent = prev && Date.parse(args.at) - Date.parse(prev.lastAt) < FORGET_AFTER_MS ? prev.failures : 0;
    const failures = recent + 1;
    const delay = lockoutDelayMs(failures);
    const until = delay ? new Date(Date.parse(args.at) + delay).toISOString() : null;
    const puts: Put[] = [{ collection: 'signInFailures', record: record(args.accountId, failures, args.at, until) }];
    if (until) {
      puts.push({
        collection: 'incidents',
        record: {
          id: ctx.newId(),
          kind: 'acceso-bloqueado',
          at: args.at,
          detail: `La cuenta «${args.username}» no puede iniciar sesión hasta ${until}: ${failures} contraseñas incorrectas seguidas.`,
        },
      });
    }
    return { puts, result: () => until };
  },
});

/** A right password (or an administrator's unlock) ends the count. */
export const clearWrongPasswords = defineMutation({
  name: 'signIn.cleared',
  args: z.object({ accountId: z.string(), username: z.string(), at: z.string(), reason: z.string().optional() }),
  apply(ctx, args): { puts: Put[]; result: () => void } {
    const prev = ctx.get('signInFailures', args.accountId);
    if (!prev || (prev.failures === 0 && !prev.lockedUntil)) return { puts: [], result: () => undefined };
    const puts: Put[] = [{ collection: 'signInFailures', record: record(args.accountId, 0, args.at, null) }];
    if (args.reason !== undefined) {
      puts.push({
        collection: 'incidents',
        record: {
          id: ctx.newId(),
          kind: 'desbloqueo-acceso',
          at: args.at,
          detail: `${ctx.actor} desbloqueó el acceso de «${args.username}» (${prev.failures} contraseñas incorrectas). Motivo: ${args.reason}`,
        },
      });
    }
    return { puts, result: () => undefined };
  },
});

/** The message for a wrong password that has just started (or extended) the wait. */
export function lockedNowMessage(until: string, now: Date): string {
  return `Usuario o contraseña incorrectos. Demasiados intentos: ${waitText(until, now)}`;
}
