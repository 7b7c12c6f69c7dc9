/**
 * The server's accounts, cached on this laptop so their people can sign in offline (issue 14),
 * also on a laptop where they never signed in before. Each sync round replaces the cache with what
 * the server lists for the commission: a new password, role or office arrives, and an account the
 * server disabled, deleted or took out of the commission is disabled here.
 *
 * What travels is the server's own scrypt hash of the password (`scrypt$N$r$p$salt$hash`, the
 * format local accounts use), over the authenticated connection, to members of the commission
 * only. A separate "offline verifier" would be derived from the same password and cost the same to
 * guess, so it would protect nothing more, and the server could only compute it at a login — an
 * account created by `server add-user` could not sign in offline on a laptop before that. Like
 * local verifiers, the cached ones never leave the laptop: the `accounts` collection is not
 * synced, and exports drop verifiers.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Account, AccountRole } from '../../../src-shared/domain/index.js';
import { cachedAccountSchema, type CachedAccount, type Role } from '../../../src-shared/sync/protocol.js';
import { defineMutation, type MutationContext, type Put, type Store } from '../store/store.js';
import type { ServerClient } from './server-client.js';

/** Local usernames (the sign-in screen's rule); the server allows a few more. */
const LOCAL_USERNAME = /^[a-z0-9._-]{3,40}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The local id of a server account: the same on every laptop and every sync, shaped as a local id. */
export function cachedAccountId(serverId: string): string {
  const hash = createHash('sha256').update(`sesiona-server-account:${serverId}`).digest();
  let id = '0';
  for (let i = 0; id.length < 26; i++) id += CROCKFORD[hash[i]! % 32];
  return id;
}

/** Server roles are per commission; on the laptop presidencia and integrante both sign as consejería. */
const LOCAL_ROLE: Record<Role, AccountRole> = {
  presidencia: 'consejeria',
  integrante: 'consejeria',
  secretaria: 'secretaria',
  personal: 'personal',
  admin: 'admin',
  revisor: 'revisor',
};

const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/\s+/g, ' ').trim();

/** The local person of a server account: the same id when people are linked, else the one whose printed name matches. */
function personFor(ctx: Pick<MutationContext, 'get' | 'all'>, a: CachedAccount): string | null {
  if (/^[0-9A-HJKMNP-TV-Z]{26}$/.test(a.personId) && ctx.get('people', a.personId)) return a.personId;
  const name = plain(a.displayName);
  const found = ctx.all('people').filter((p) => plain(`${p.title} ${p.name}`) === name || plain(p.name) === name);
  return found.length === 1 ? found[0]!.id : null;
}

export interface CacheOutcome {
  /** Accounts written (new, changed, or disabled because the server no longer lists them). */
  changed: number;
  /** Server accounts not cached, with the reason in Spanish. */
  skipped: { username: string; reason: string }[];
}

export const cacheServerAccounts = defineMutation({
  name: 'sync.accounts',
  args: z.object({ commission: z.string(), at: z.string(), accounts: z.array(z.custom<CachedAccount>()) }),
  apply(ctx, { commission, at, accounts }): { puts: Put[]; result: () => CacheOutcome } {
    const commissionId = ctx.all('commissions').find((c) => c.acronym === commission)?.id ?? null;
    const all = ctx.all('accounts');
    const puts: Put[] = [];
    const skipped: CacheOutcome['skipped'] = [];
    const listed = new Set<string>();
    for (const a of accounts) {
      if (!LOCAL_USERNAME.test(a.username)) {
        skipped.push({ username: a.username, reason: `El usuario «${a.username}» del servidor no cabe en este equipo (de 3 a 40 letras, números, punto o guion); no podrá iniciar sesión sin conexión.` });
        continue;
      }
      const id = cachedAccountId(a.id);
      // A local account of this laptop keeps its username: the server's is not cached over it.
      if (all.some((x) => x.username === a.username && x.id !== id)) {
        skipped.push({ username: a.username, reason: `Ya existe en este equipo una cuenta local «${a.username}»; la del servidor no se usa para iniciar sesión sin conexión.` });
        continue;
      }
      listed.add(id);
      const held = ctx.get('accounts', id);
      const record: Omit<Account, 'hlc'> = {
        id,
        username: a.username,
        personId: personFor(ctx, a),
        roles: [{ role: LOCAL_ROLE[a.role], commissionId }],
        verifier: a.verifier,
        disabled: false,
        createdAt: held?.createdAt ?? at,
        ...(a.role === 'revisor' && a.office ? { office: a.office } : {}),
        server: { id: a.id, commission, role: a.role },
      };
      const { hlc: _hlc, ...before } = held ?? ({} as Account);
      if (JSON.stringify(before) !== JSON.stringify(record)) puts.push({ collection: 'accounts', record });
    }
    for (const x of all) {
      if (x.server?.commission === commission && !listed.has(x.id) && !x.disabled) puts.push({ collection: 'accounts', record: { ...x, disabled: true } });
    }
    return { puts, result: () => ({ changed: puts.length, skipped }) };
  },
});

/**
 * One round's refresh: the commission's accounts from the server, written only when something
 * changed. `held` is the list's ETag from the last refresh: an unchanged list is not sent again.
 */
export async function refreshAccountCache(
  store: Store,
  client: ServerClient,
  token: string,
  commission: string,
  actor: string,
  held?: string,
): Promise<CacheOutcome & { etag: string | undefined }> {
  const response = await client.accounts(token, commission, held);
  if (!response) return { changed: 0, skipped: [], etag: held };
  // The server is trusted for accounts, but not to be well formed: a bad entry is skipped, not cached.
  const listed = response.accounts;
  const accounts = (Array.isArray(listed) ? listed : []).flatMap((a) => {
    const parsed = cachedAccountSchema.safeParse(a);
    return parsed.success ? [parsed.data] : [];
  });
  const dryRun: MutationContext = { actor, get: (c, id) => store.get(c, id), all: (c) => store.all(c), newId: () => '' };
  const outcome = cacheServerAccounts.apply(dryRun, { commission, at: new Date().toISOString(), accounts }).result([]);
  // Checked first without writing, so a round where nothing changed adds nothing to the journal.
  if (!outcome.changed) return { ...outcome, etag: response.etag };
  return { ...(await store.mutate(cacheServerAccounts, { commission, at: new Date().toISOString(), accounts }, actor)), etag: response.etag };
}

/** The server said this laptop's own sync account is disabled: it stops signing in here too, now. */
export const disableCachedAccount = defineMutation({
  name: 'sync.accountDisabled',
  args: z.object({ username: z.string(), commission: z.string() }),
  apply(ctx, { username, commission }): { puts: Put[]; result: () => boolean } {
    const held = ctx.all('accounts').find((a) => a.username === username && a.server?.commission === commission && !a.disabled);
    return { puts: held ? [{ collection: 'accounts', record: { ...held, disabled: true } }] : [], result: () => Boolean(held) };
  },
});
