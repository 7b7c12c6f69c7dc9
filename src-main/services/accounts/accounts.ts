import { z } from 'zod';
import type { AccountView, AuthStatus, ParsedArgsOf } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { Account } from '../../../src-shared/domain/index.js';
import type { ServiceContext, SignedIn } from '../context.js';
import { defineMutation, type MutationContext, type Store } from '../store/store.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { assertMaySignIn, clearWrongPasswords, lockedNowMessage, lockedUntil, recordWrongPassword } from './sign-in-limit.js';

type Reader = Pick<MutationContext, 'get'>;

export function accountView(db: Reader, a: Account, now = new Date()): AccountView {
  const person = a.personId ? db.get('people', a.personId) : undefined;
  return {
    id: a.id,
    username: a.username,
    personId: a.personId,
    personName: person ? `${person.title} ${person.name}`.trim() : null,
    roles: a.roles,
    disabled: a.disabled,
    office: a.office ?? null,
    lockedUntil: lockedUntil(db, a.id, now),
  };
}

const createAccount = defineMutation({
  name: 'account.create',
  args: z.object({ record: z.custom<Omit<Account, 'hlc'>>(), firstRun: z.boolean() }),
  apply(ctx, { record, firstRun }) {
    // Checked here, inside the store's queue: two first-run screens submitted at once make one admin.
    if (firstRun && ctx.all('accounts').length > 0) throw new AppError('CONFLICT', 'La persona administradora ya fue creada; inicie sesión.');
    if (ctx.all('accounts').some((a) => a.username === record.username)) throw new AppError('CONFLICT', `El usuario «${record.username}» ya existe.`);
    if (record.personId && !ctx.get('people', record.personId)) throw new AppError('NOT_FOUND', 'La persona elegida no existe.');
    return { puts: [{ collection: 'accounts', record }], result: () => accountView(ctx, record as Account) };
  },
});

const setDisabled = defineMutation({
  name: 'account.setDisabled',
  args: z.object({ id: z.string(), disabled: z.boolean() }),
  apply(ctx, { id, disabled }) {
    const account = ctx.get('accounts', id);
    if (!account) throw new AppError('NOT_FOUND', 'La cuenta solicitada no existe.');
    // The server is its authority: a change here would be undone by the next sync.
    if (account.server) throw new AppError('CONFLICT', `La cuenta «${account.username}» viene del servidor de sincronización: se activa o desactiva allí, y este equipo la actualiza en la siguiente sincronización.`);
    const record = { ...account, disabled };
    const admins = ctx.all('accounts').filter((a) => !(a.id === id ? disabled : a.disabled) && a.roles.some((r) => r.role === 'admin'));
    if (admins.length === 0) throw new AppError('CONFLICT', 'Debe quedar al menos una cuenta de administración activa.');
    return { puts: [{ collection: 'accounts', record }], result: () => accountView(ctx, record) };
  },
});

async function newAccount(
  store: Store,
  args: { username: string; password: string; personId?: string | undefined; roles: Account['roles']; office?: string | undefined },
  newId: () => string,
): Promise<Omit<Account, 'hlc'>> {
  const problem = passwordProblem(args.password);
  if (problem) throw new AppError('INVALID_ARGUMENT', problem);
  if (args.personId && !store.get('people', args.personId)) throw new AppError('NOT_FOUND', 'La persona elegida no existe.');
  return {
    id: newId(),
    username: args.username,
    personId: args.personId ?? null,
    roles: args.roles,
    verifier: await hashPassword(args.password),
    disabled: false,
    createdAt: new Date().toISOString(),
    ...(args.office ? { office: args.office } : {}),
  };
}

export async function addAccount(store: Store, args: ParsedArgsOf<'accounts.create'>, actor: string, newId: () => string): Promise<AccountView> {
  if (args.role !== 'admin' && !args.personId) throw new AppError('INVALID_ARGUMENT', 'Elija la persona de esta cuenta; solo una cuenta de administración puede no tener persona.');
  const roles = [{ role: args.role, commissionId: args.commissionId ?? null }];
  // Only a reviewer account belongs to an office.
  const office = args.role === 'revisor' ? args.office : undefined;
  return store.mutate(createAccount, { record: await newAccount(store, { ...args, roles, office }, newId), firstRun: false }, actor);
}

export function setAccountDisabled(store: Store, id: string, disabled: boolean, actor: string): Promise<AccountView> {
  return store.mutate(setDisabled, { id, disabled }, actor);
}

function signedIn(a: Account): SignedIn {
  return { accountId: a.id, username: a.username, personId: a.personId, roles: a.roles };
}

/** Checks a username and password; the same answer for an unknown user, a wrong password and a disabled account. */
export async function authenticate(store: Store, username: string, password: string): Promise<Account> {
  const account = store.all('accounts').find((a) => a.username === username.trim().toLowerCase());
  // Verify against a dummy when the user is unknown, so timing does not tell which usernames exist.
  const ok = await verifyPassword(password, account?.verifier ?? DUMMY_VERIFIER);
  if (!account || !ok || account.disabled) throw new AppError('UNAUTHORIZED', 'Usuario o contraseña incorrectos.');
  return account;
}
const DUMMY_VERIFIER = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function authStatus(ctx: ServiceContext): AuthStatus {
  const { store } = ctx;
  const accounts = store.all('accounts');
  const current = ctx.session ? store.get('accounts', ctx.session.accountId) : undefined;
  return {
    needsSetup: accounts.length === 0,
    user: current ? accountView(store, current) : null,
    accounts: accounts
      .filter((a) => !a.disabled)
      .sort((a, b) => a.username.localeCompare(b.username))
      .map((a) => ({ username: a.username, personName: accountView(store, a).personName })),
  };
}

/**
 * Signs in on this laptop. Attempts for one account run one at a time, so 100 wrong passwords
 * sent at once are counted as 100 in a row would be: the limit holds, and then every attempt is
 * refused without checking the password until the delay has passed.
 */
export async function signIn(ctx: ServiceContext, username: string, password: string): Promise<AuthStatus> {
  const { store } = ctx;
  const name = username.trim().toLowerCase();
  const known = store.all('accounts').find((a) => a.username === name);
  if (!known) {
    await authenticate(store, name, password); // the same answer, and the same time, as a wrong password
    throw new AppError('UNAUTHORIZED', 'Usuario o contraseña incorrectos.');
  }
  return store.exclusive(`sign-in:${known.id}`, async () => {
    assertMaySignIn(store, known.id, known.username, ctx.clock.now());
    const account = store.get('accounts', known.id) ?? known;
    if (!(await verifyPassword(password, account.verifier))) {
      const now = ctx.clock.now();
      const until = await store.mutate(recordWrongPassword, { accountId: account.id, username: account.username, at: now.toISOString() }, ctx.actor);
      throw new AppError('UNAUTHORIZED', until ? lockedNowMessage(until, now) : 'Usuario o contraseña incorrectos.');
    }
    if (account.disabled) throw new AppError('UNAUTHORIZED', 'Usuario o contraseña incorrectos.');
    if (store.get('signInFailures', account.id)?.failures) {
      await store.mutate(clearWrongPasswords, { accountId: account.id, username: account.username, at: ctx.clock.now().toISOString() }, account.username);
    }
    ctx.session = signedIn(account);
    return authStatus(ctx);
  });
}

/** An administrator lets an account sign in again before its delay is over, with a reason (audited). */
export async function clearSignInLock(ctx: ServiceContext, id: string, reason: string): Promise<AccountView> {
  const account = ctx.store.get('accounts', id);
  if (!account) throw new AppError('NOT_FOUND', 'La cuenta solicitada no existe.');
  await ctx.store.exclusive(`sign-in:${id}`, async () => {
    if (!ctx.store.get('signInFailures', id)?.failures) throw new AppError('CONFLICT', `La cuenta «${account.username}» no tiene intentos fallidos que desbloquear.`);
    await ctx.store.mutate(clearWrongPasswords, { accountId: id, username: account.username, at: ctx.clock.now().toISOString(), reason }, ctx.actor);
  });
  return accountView(ctx.store, account, ctx.clock.now());
}

export function signOut(ctx: ServiceContext): AuthStatus {
  ctx.session = null;
  return authStatus(ctx);
}

/** The first-run screen: the only way to create an account without being an administrator. */
export async function setupAdmin(ctx: ServiceContext, args: ParsedArgsOf<'auth.setup'>): Promise<AuthStatus> {
  if (ctx.store.count('accounts') > 0) throw new AppError('CONFLICT', 'La persona administradora ya fue creada; inicie sesión.');
  const record = await newAccount(ctx.store, { ...args, roles: [{ role: 'admin', commissionId: null }] }, ctx.ids.next);
  await ctx.store.mutate(createAccount, { record, firstRun: true }, record.username);
  ctx.session = signedIn(record as Account);
  return authStatus(ctx);
}
