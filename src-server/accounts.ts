/** Accounts, people and per-commission roles: the server is their authority. */
import { randomBytes } from 'node:crypto';
import { officeKey, type CachedAccount, type Membership, type Role } from '../src-shared/sync/protocol.js';
import type { Database, Sql } from './db.js';
import { hashPassword } from './passwords.js';
import { newTokenKey } from './tokens.js';

export interface AccountRow {
  id: string;
  username: string;
  password_hash: string;
  person_id: string;
  display_name: string;
  disabled: boolean;
}

export async function findAccount(sql: Sql, username: string): Promise<AccountRow | undefined> {
  const { rows } = await sql.query<AccountRow>(
    `SELECT a.id, a.username, a.password_hash, a.person_id, p.display_name, a.disabled
       FROM accounts a JOIN people p ON p.id = a.person_id WHERE a.username = $1`,
    [username],
  );
  return rows[0];
}

export async function membershipsOf(sql: Sql, accountId: string): Promise<Membership[]> {
  const { rows } = await sql.query<{ commission: string; role: Role; office: string | null }>(
    'SELECT commission, role, office FROM memberships WHERE account_id = $1 ORDER BY commission',
    [accountId],
  );
  return rows.map((r) => (r.office === null ? { commission: r.commission, role: r.role } : { commission: r.commission, role: r.role, office: r.office }));
}

export interface AddUserInput {
  username: string;
  password: string;
  commission: string;
  role: Role;
  /** Required for a revisor, refused for any other role. */
  office?: string;
  displayName?: string;
  /**
   * The person's id as the app knows it (the ULID of the people record every laptop syncs), so a
   * signature's personId means the same person on every laptop and here. Without it the server
   * makes an id of its own, and that account cannot sign anyone's box.
   */
  personId?: string;
}

/** Announces an account change to every process: laptops refresh their cache, open streams of that account end. */
export const ACCOUNTS_CHANNEL = 'sesiona_accounts';

async function announce(sql: Sql, accountId: string): Promise<void> {
  const { rows } = await sql.query<{ commission: string }>('SELECT commission FROM memberships WHERE account_id = $1', [accountId]);
  for (const r of rows) await sql.query('SELECT pg_notify($1, $2)', [ACCOUNTS_CHANNEL, `${r.commission}:${accountId}`]);
}

/**
 * Creates the account (and its person) or, when the username exists, sets its password and its
 * role in the commission. Returns whether the account was new.
 */
export async function addUser(db: Database, input: AddUserInput): Promise<{ created: boolean; accountId: string }> {
  if ((input.role === 'revisor') !== Boolean(input.office)) throw new Error(input.role === 'revisor' ? 'a revisor account needs its office' : 'only a revisor account has an office');
  const hash = await hashPassword(input.password);
  return db.tx(async (sql) => {
    const existing = await findAccount(sql, input.username);
    let accountId: string;
    if (existing) {
      accountId = existing.id;
      await sql.query('UPDATE accounts SET password_hash = $1 WHERE id = $2', [hash, accountId]);
      if (input.personId && input.personId !== existing.person_id) {
        await sql.query('INSERT INTO people (id, display_name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [input.personId, existing.display_name]);
        await sql.query('UPDATE accounts SET person_id = $1 WHERE id = $2', [input.personId, accountId]);
      }
    } else {
      accountId = newServerId();
      const personId = input.personId ?? newServerId();
      await sql.query('INSERT INTO people (id, display_name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [personId, input.displayName ?? input.username]);
      await sql.query('INSERT INTO accounts (id, username, password_hash, person_id) VALUES ($1, $2, $3, $4)', [accountId, input.username, hash, personId]);
    }
    await sql.query(
      `INSERT INTO memberships (account_id, commission, role, office) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, commission) DO UPDATE SET role = EXCLUDED.role, office = EXCLUDED.office`,
      [accountId, input.commission, input.role, input.office ?? null],
    );
    await sql.query('INSERT INTO audit (account, commission, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [
      'cli',
      input.commission,
      existing ? 'account.update' : 'account.create',
      input.username,
      JSON.stringify({ role: input.role, ...(input.office ? { office: input.office } : {}), ...(input.personId ? { personId: input.personId } : {}) }),
    ]);
    await announce(sql, accountId);
    return { created: !existing, accountId };
  });
}

/**
 * Disables an account (or enables it again). Its refresh tokens are revoked and every request
 * with its access tokens is refused from now on; laptops stop accepting it at their next sync.
 */
export async function setDisabled(db: Database, username: string, disabled: boolean): Promise<boolean> {
  return db.tx(async (sql) => {
    const account = await findAccount(sql, username);
    if (!account) return false;
    await sql.query('UPDATE accounts SET disabled = $1 WHERE id = $2', [disabled, account.id]);
    if (disabled) await sql.query('UPDATE refresh_tokens SET revoked = true WHERE account_id = $1', [account.id]);
    await sql.query('INSERT INTO audit (account, action, target) VALUES ($1, $2, $3)', ['cli', disabled ? 'account.disable' : 'account.enable', username]);
    await announce(sql, account.id);
    return true;
  });
}

/** Removes an account from a commission: its requests there are refused at once, its cached copy goes at the next sync. */
export async function removeMembership(db: Database, username: string, commission: string): Promise<boolean> {
  return db.tx(async (sql) => {
    const account = await findAccount(sql, username);
    if (!account) return false;
    // Announced before the row goes, so the commission's laptops hear of it.
    await sql.query('SELECT pg_notify($1, $2)', [ACCOUNTS_CHANNEL, `${commission}:${account.id}`]);
    const { rows } = await sql.query('DELETE FROM memberships WHERE account_id = $1 AND commission = $2 RETURNING account_id', [account.id, commission]);
    if (!rows.length) return false;
    await sql.query('INSERT INTO audit (account, commission, action, target) VALUES ($1, $2, $3, $4)', ['cli', commission, 'account.remove', username]);
    return true;
  });
}

/**
 * The commission's active accounts for laptops' offline sign-in. A revisor receives only its own
 * office's accounts: an office's laptop has no business holding the commission's verifiers.
 */
export async function cachedAccounts(sql: Sql, commission: string, caller: { role: Role; office?: string | undefined }): Promise<CachedAccount[]> {
  const { rows } = await sql.query<{ id: string; username: string; person_id: string; display_name: string; role: Role; office: string | null; password_hash: string }>(
    `SELECT a.id, a.username, a.person_id, p.display_name, m.role, m.office, a.password_hash FROM memberships m
       JOIN accounts a ON a.id = m.account_id JOIN people p ON p.id = a.person_id
      WHERE m.commission = $1 AND NOT a.disabled ORDER BY a.username`,
    [commission],
  );
  const mine = caller.role === 'revisor' ? officeKey(caller.office ?? '') : null;
  return rows
    .filter((r) => mine === null || (r.role === 'revisor' && officeKey(r.office ?? '') === mine))
    .map((r) => ({ id: r.id, username: r.username, personId: r.person_id, displayName: r.display_name, role: r.role, office: r.office, verifier: r.password_hash }));
}

/** The HMAC key of access tokens, created once and shared by every process through the database. */
export async function tokenKey(db: Database): Promise<string> {
  await db.query('INSERT INTO server_secret (id, token_key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [newTokenKey()]);
  const { rows } = await db.query<{ token_key: string }>('SELECT token_key FROM server_secret WHERE id = 1');
  return rows[0]!.token_key;
}

function newServerId(): string {
  return randomBytes(12).toString('base64url');
}
