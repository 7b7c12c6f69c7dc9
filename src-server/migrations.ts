/**
 * SQL migrations, run in order on every start. Each runs once, in its own transaction, under an
 * advisory lock so two processes starting together on one database do not race.
 * Never edit a shipped migration: add the next one.
 */
import type { Database } from './db.js';

/** `sql` is a script of plain statements split at `;` + newline, or a list of statements run as they are (function bodies). */
export const MIGRATIONS: readonly { version: number; name: string; sql: string | string[] }[] = [
  {
    version: 1,
    name: 'accounts, records, changes, blobs, audit',
    sql: `
CREATE TABLE server_secret (
  id int PRIMARY KEY CHECK (id = 1),
  token_key text NOT NULL
);
CREATE TABLE people (
  id text PRIMARY KEY,
  display_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE accounts (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  person_id text NOT NULL REFERENCES people(id),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE memberships (
  account_id text NOT NULL REFERENCES accounts(id),
  commission text NOT NULL,
  role text NOT NULL CHECK (role IN ('presidencia','integrante','secretaria','personal','admin')),
  PRIMARY KEY (account_id, commission)
);
CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  expires_at timestamptz NOT NULL,
  revoked boolean NOT NULL DEFAULT false
);
CREATE TABLE login_failures (
  username text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

-- The one global sequence of accepted changes.
CREATE SEQUENCE change_seq;
CREATE TABLE changes (
  seq bigint PRIMARY KEY,
  commission text NOT NULL,
  client_id text NOT NULL,
  mutation_id bigint NOT NULL,
  account text NOT NULL,
  type text NOT NULL,
  collection text NOT NULL,
  record_id text NOT NULL,
  payload jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_commission_seq ON changes (commission, seq);
CREATE UNIQUE INDEX changes_client_mutation ON changes (client_id, mutation_id);

-- Idempotency: one row per (client, mutation) ever accepted, with the result it got.
CREATE TABLE applied_mutations (
  client_id text NOT NULL,
  mutation_id bigint NOT NULL,
  commission text NOT NULL,
  result jsonb NOT NULL,
  PRIMARY KEY (client_id, mutation_id)
);

-- Current merged state of each record (per-field HLC stamps), for merges and lock checks.
CREATE TABLE records (
  commission text NOT NULL,
  collection text NOT NULL,
  id text NOT NULL,
  fields jsonb NOT NULL DEFAULT '{}',
  stamps jsonb NOT NULL DEFAULT '{}',
  deleted boolean NOT NULL DEFAULT false,
  locked text CHECK (locked IN ('locked','signed')),
  PRIMARY KEY (commission, collection, id)
);

CREATE TABLE signatures (
  commission text NOT NULL,
  collection text NOT NULL,
  record_id text NOT NULL,
  box text NOT NULL,
  signature_id text NOT NULL,
  person_id text NOT NULL,
  PRIMARY KEY (commission, collection, record_id, box)
);
-- Second signatures of a taken box: kept, never lost, reported to their signer.
CREATE TABLE signature_conflicts (
  commission text NOT NULL,
  client_id text NOT NULL,
  mutation_id bigint NOT NULL,
  account text NOT NULL,
  payload jsonb NOT NULL,
  winner_signature_id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, mutation_id)
);
CREATE TABLE appended (
  commission text NOT NULL,
  collection text NOT NULL,
  id text NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (commission, collection, id)
);

CREATE TABLE blobs (
  commission text NOT NULL,
  sha256 text NOT NULL,
  size int NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commission, sha256)
);

CREATE TABLE audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  account text,
  commission text,
  action text NOT NULL,
  target text,
  detail jsonb,
  ip text
);
`,
  },
  {
    version: 2,
    name: 'sesiona_append_changes: the serialized tail of a push in one round trip',
    sql: [
      `CREATE FUNCTION sesiona_append_changes(p_commission text, p_client text, p_account text, p_rows jsonb)
RETURNS TABLE (out_seq bigint, out_mutation_id bigint) LANGUAGE plpgsql AS $fn$
BEGIN
  -- Held to commit: a commission's changes become visible in sequence order (see push.ts).
  PERFORM pg_advisory_xact_lock(hashtext('sequence:' || p_commission));
  RETURN QUERY
  WITH s AS (SELECT nextval('change_seq') AS v FROM generate_series(1, jsonb_array_length(p_rows))),
       r AS (SELECT s.v, row_number() OVER (ORDER BY s.v) AS rn FROM s),
       ins AS (
         INSERT INTO changes (seq, commission, client_id, mutation_id, account, type, collection, record_id, payload)
         SELECT r.v, p_commission, p_client, x.mutation_id, p_account, x.type, x.collection, x.record_id, x.payload
           FROM jsonb_to_recordset(p_rows) AS x(ord bigint, mutation_id bigint, type text, collection text, record_id text, payload jsonb)
           JOIN r ON r.rn = x.ord
         RETURNING changes.seq, changes.mutation_id)
  SELECT ins.seq, ins.mutation_id FROM ins;
  -- currval is this session's last draw, the largest of this push; delivered at commit.
  PERFORM pg_notify('sesiona_changes', p_commission || ':' || currval('change_seq'));
END
$fn$`,
    ],
  },
  {
    version: 3,
    name: 'revisor role with its office; account changes announced',
    sql: `
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (role IN ('presidencia','integrante','secretaria','personal','admin','revisor'));
-- A revisor answers the review rounds sent to this office, and sees nothing else.
ALTER TABLE memberships ADD COLUMN office text;
ALTER TABLE memberships ADD CONSTRAINT memberships_revisor_office CHECK ((role = 'revisor') = (office IS NOT NULL));
`,
  },
  {
    version: 4,
    name: 'a clientId belongs to the account that first pushed with it; refused signatures kept with their reason',
    sql: `
-- mutationIds are idempotency keys per clientId: another account replaying a clientId could make
-- real mutations count as already applied, so a clientId is bound to its first account.
CREATE TABLE client_accounts (
  client_id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  bound_at timestamptz NOT NULL DEFAULT now()
);
-- Clients that pushed before this migration: bound to the account that pushed first with them.
INSERT INTO client_accounts (client_id, account_id, bound_at)
SELECT DISTINCT ON (c.client_id) c.client_id, a.id, c.at FROM changes c JOIN accounts a ON a.username = c.account
 ORDER BY c.client_id, c.seq;
-- Signatures refused for another reason than a taken box (draft, stale version…) are kept aside too.
ALTER TABLE signature_conflicts ALTER COLUMN winner_signature_id DROP NOT NULL;
ALTER TABLE signature_conflicts ADD COLUMN reason text;
`,
  },
];

const LOCK_KEY = 7_140_014; // any constant; shared by every process of this server

export async function migrate(db: Database): Promise<number[]> {
  return db.tx(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await sql.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await sql.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of typeof m.sql === 'string' ? splitStatements(m.sql) : m.sql) await sql.query(statement);
      await sql.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

/** Parameterless statements one by one, so both drivers run them through the same call. */
function splitStatements(script: string): string[] {
  return script
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
