/** Accounts, people and per-commission roles: the server is their authority. */
import { randomBytes } from 'node:crypto';
import type { Membership, Role } from '../src-shared/sync/protocol.js';
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
  const { rows } = await sql.query<Membership>('SELECT commission, role FROM memberships WHERE account_id = $1 ORDER BY commission', [accountId]);
  return rows;
}

export interface AddUserInput {
  username: string;
  password: string;
  commission: string;
  role: Role;
  displayName?: string;
  /**
   * The person's id as the app knows it (the ULID of the people record every laptop syncs), so a
   * signature's personId means the same person on every laptop and here. Without it the server
   * makes an id of its own, and that account cannot sign anyone's box.
   */
  personId?: string;
}

/**
 * Creates the account (and its person) or, when the username exists, sets its password and its
 * role in the commission. Returns whether the account was new.
 */
export async function addUser(db: Database, input: AddUserInput): Promise<{ created: boolean; accountId: string }> {
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
      `INSERT INTO memberships (account_id, commission, role) VALUES ($1, $2, $3)
       ON CONFLICT (account_id, commission) DO UPDATE SET role = EXCLUDED.role`,
      [accountId, input.commission, input.role],
    );
    await sql.query('INSERT INTO audit (account, commission, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [
      'cli',
      input.commission,
      existing ? 'account.update' : 'account.create',
      input.username,
      JSON.stringify({ role: input.role, ...(input.personId ? { personId: input.personId } : {}) }),
    ]);
    return { created: !existing, accountId };
  });
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
