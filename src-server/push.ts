/**
 * Applies one push in one transaction: all of it or none of it. A whole push is refused (4xx,
 * nothing stored) when any mutation is not allowed; the client then sets that mutation aside and
 * pushes the rest. Work is batched (a fixed number of queries per push, whatever its size)
 * because a push may carry a thousand mutations.
 *
 * Concurrency, across any number of server processes:
 * - the pushing client and every record the push touches are locked first (advisory locks, taken
 *   in one sorted batch so two pushes cannot deadlock), so merges read a state nobody else is
 *   changing and a retried push racing its original is seen as a duplicate;
 * - sequence numbers are drawn last, under a per-commission lock held to commit, so a commission's
 *   changes become visible in sequence order and a pull by cursor never skips one that commits
 *   late. Only that short tail is serialized; pushes touching different records run in parallel.
 */
import { mayWrite } from '../src-shared/sync/access.js';
import { emptyRecord, mergeFields, type MergedRecord } from '../src-shared/sync/merge.js';
import type { Mutation, MutationResult, PushResponse, Role } from '../src-shared/sync/protocol.js';
import type { Database, Sql } from './db.js';
import { ServerError } from './errors.js';

export const CHANGES_CHANNEL = 'sesiona_changes';

export interface Caller {
  accountId: string;
  username: string;
  personId: string;
  role: Role;
  ip: string;
}

interface RecordState extends MergedRecord {
  dirty: boolean;
}

type Outcome =
  | { kind: 'change' }
  | { kind: 'taken'; winner: { signatureId: string; personId: string } }
  | { kind: 'entry-exists' };

const recordKey = (collection: string, id: string) => `${collection}\u0000${id}`;

export async function applyPush(db: Database, commission: string, caller: Caller, clientId: string, mutations: Mutation[]): Promise<PushResponse> {
  for (const m of mutations) {
    if (!mayWrite(caller.role, m.type)) {
      throw new ServerError(403, 'FORBIDDEN', `Su papel (${caller.role}) en ${commission} no permite este cambio (${m.type}).`, m.mutationId);
    }
    if (m.type === 'sign' && m.personId !== caller.personId) {
      throw new ServerError(403, 'FORBIDDEN', 'Solo la persona titular puede firmar en su recuadro.', m.mutationId);
    }
  }
  return db.tx(async (sql) => {
    const lockKeys = [`client:${clientId}`, ...new Set(mutations.map((m) => `record:${commission}:${m.collection}:${m.id}`))];
    await sql.query('SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS s', [lockKeys]);

    const previous = new Map<number, { commission: string; result: MutationResult; seq: number | null }>();
    for (const r of (
      await sql.query<{ mutation_id: string; commission: string; result: MutationResult; seq: string | null }>(
        `SELECT am.mutation_id::text, am.commission, am.result, c.seq::text FROM applied_mutations am
           LEFT JOIN changes c ON c.client_id = am.client_id AND c.mutation_id = am.mutation_id
          WHERE am.client_id = $1 AND am.mutation_id = ANY($2::bigint[])`,
        [clientId, mutations.map((m) => m.mutationId)],
      )
    ).rows) {
      if (r.commission !== commission) {
        throw new ServerError(409, 'CONFLICT', 'Ese identificador de cambio ya se usó en otra comisión.', Number(r.mutation_id));
      }
      previous.set(Number(r.mutation_id), { commission: r.commission, result: r.result, seq: r.seq === null ? null : Number(r.seq) });
    }
    const fresh = mutations.filter((m) => !previous.has(m.mutationId));

    const records = await loadRecords(sql, commission, fresh);
    const signatures = await loadSignatures(sql, commission, fresh);
    const appended = await loadAppended(sql, commission, fresh);
    const blobs = await loadBlobs(sql, commission, fresh);

    // Decide everything in memory first, so a refusal leaves nothing behind.
    const outcomes = new Map<number, Outcome>();
    for (const m of fresh) {
      const key = recordKey(m.collection, m.id);
      switch (m.type) {
        case 'put':
        case 'delete':
        case 'body':
        case 'lock': {
          let rec = records.get(key);
          if (!rec) records.set(key, (rec = { ...emptyRecord(), dirty: false }));
          if (m.type !== 'lock' && rec.locked) {
            throw new ServerError(409, 'LOCKED', `El documento ${m.collection}/${m.id} está ${rec.locked === 'signed' ? 'firmado' : 'bloqueado'} y ya no admite cambios.`, m.mutationId);
          }
          if (m.type === 'put' && !rec.deleted) mergeFields(rec, m.fields, m.hlc);
          if (m.type === 'delete') rec.deleted = true;
          if (m.type === 'lock' && rec.locked !== 'signed') rec.locked = m.state;
          rec.dirty = true;
          outcomes.set(m.mutationId, { kind: 'change' });
          break;
        }
        case 'sign': {
          if (m.blob && !blobs.has(m.blob)) {
            throw new ServerError(400, 'BAD_REQUEST', `Falta el archivo ${m.blob.slice(0, 12)}… de la firma: súbalo antes de enviar la firma.`, m.mutationId);
          }
          const box = `${key}\u0000${m.box}`;
          const winner = signatures.get(box);
          if (winner) outcomes.set(m.mutationId, { kind: 'taken', winner: { signatureId: winner.signatureId, personId: winner.personId } });
          else {
            signatures.set(box, { signatureId: m.signatureId, personId: m.personId, fresh: true });
            outcomes.set(m.mutationId, { kind: 'change' });
          }
          break;
        }
        case 'append': {
          const existing = appended.get(key);
          if (existing) {
            if (JSON.stringify(existing.data) !== JSON.stringify(m.data)) {
              throw new ServerError(409, 'CONFLICT', `La entrada ${m.collection}/${m.id} ya existe con otro contenido; las entradas no se modifican.`, m.mutationId);
            }
            outcomes.set(m.mutationId, { kind: 'entry-exists' });
          } else {
            appended.set(key, { data: m.data, fresh: true });
            outcomes.set(m.mutationId, { kind: 'change' });
          }
          break;
        }
      }
    }

    const dirty = [...records.entries()].filter(([, r]) => r.dirty);
    if (dirty.length) {
      const rows = dirty.map(([k, r]) => {
        const [collection, id] = k.split('\u0000') as [string, string];
        return { collection, id, fields: r.fields, stamps: r.stamps, deleted: r.deleted, locked: r.locked };
      });
      await sql.query(
        `INSERT INTO records (commission, collection, id, fields, stamps, deleted, locked)
         SELECT $1, x.collection, x.id, x.fields, x.stamps, x.deleted, x.locked
           FROM jsonb_to_recordset($2::jsonb) AS x(collection text, id text, fields jsonb, stamps jsonb, deleted boolean, locked text)
         ON CONFLICT (commission, collection, id) DO UPDATE SET fields = EXCLUDED.fields, stamps = EXCLUDED.stamps,
           deleted = EXCLUDED.deleted, locked = EXCLUDED.locked`,
        [commission, JSON.stringify(rows)],
      );
    }
    const changed = fresh.filter((m) => outcomes.get(m.mutationId)!.kind === 'change');
    await insertRows(
      sql,
      'signatures',
      changed.flatMap((m) => (m.type === 'sign' ? [{ collection: m.collection, record_id: m.id, box: m.box, signature_id: m.signatureId, person_id: m.personId }] : [])),
      'collection text, record_id text, box text, signature_id text, person_id text',
      { commission },
    );
    await insertRows(
      sql,
      'signature_conflicts',
      fresh.flatMap((m) => {
        const o = outcomes.get(m.mutationId)!;
        return o.kind === 'taken' ? [{ client_id: clientId, mutation_id: m.mutationId, account: caller.username, payload: m, winner_signature_id: o.winner.signatureId }] : [];
      }),
      'client_id text, mutation_id bigint, account text, payload jsonb, winner_signature_id text',
      { commission },
    );
    await insertRows(
      sql,
      'appended',
      changed.flatMap((m) => (m.type === 'append' ? [{ collection: m.collection, id: m.id, data: m.data }] : [])),
      'collection text, id text, data jsonb',
      { commission },
    );
    const statusOf = (m: Mutation) => {
      const o = outcomes.get(m.mutationId)!;
      return o.kind === 'change' ? 'applied' : o.kind === 'taken' ? 'signature-taken' : 'entry-exists';
    };
    await insertRows(
      sql,
      'applied_mutations',
      fresh.map((m) => {
        const o = outcomes.get(m.mutationId)!;
        return { client_id: clientId, mutation_id: m.mutationId, result: { status: o.kind === 'taken' ? 'signature-taken' : 'applied' } };
      }),
      'client_id text, mutation_id bigint, result jsonb',
      { commission },
    );
    await insertRows(
      sql,
      'audit',
      fresh.map((m) => ({ action: `push.${m.type}`, target: `${m.collection}/${m.id}`, detail: { clientId, mutationId: m.mutationId, status: statusOf(m) } })),
      'action text, target text, detail jsonb',
      { commission, account: caller.username, ip: caller.ip },
    );

    // The serialized tail: draw sequence numbers in mutation order, store the changes, commit.
    const seqOf = new Map<number, number>();
    let cursor = 0;
    if (changed.length) {
      await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sequence:${commission}`]);
      const { rows } = await sql.query<{ seq: string; mutation_id: string }>(
        `WITH s AS (SELECT nextval('change_seq') AS seq FROM generate_series(1, $5::int)),
              r AS (SELECT seq, row_number() OVER (ORDER BY seq) AS rn FROM s)
         INSERT INTO changes (seq, commission, client_id, mutation_id, account, type, collection, record_id, payload)
         SELECT r.seq, $2, $3, x.mutation_id, $4, x.type, x.collection, x.record_id, x.payload
           FROM jsonb_to_recordset($1::jsonb) AS x(mutation_id bigint, type text, collection text, record_id text, payload jsonb, ord bigint)
           JOIN r ON r.rn = x.ord
         RETURNING seq::text, mutation_id::text`,
        [
          JSON.stringify(changed.map((m, i) => ({ ord: i + 1, mutation_id: m.mutationId, type: m.type, collection: m.collection, record_id: m.id, payload: m }))),
          commission,
          clientId,
          caller.username,
          changed.length,
        ],
      );
      for (const r of rows) seqOf.set(Number(r.mutation_id), Number(r.seq));
      cursor = Math.max(...seqOf.values());
      // Delivered at commit, to every process LISTENing (see events.ts).
      await sql.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${commission}:${cursor}`]);
    }

    return {
      cursor,
      results: mutations.map((m): MutationResult => {
        const p = previous.get(m.mutationId);
        if (p) return { mutationId: m.mutationId, status: 'duplicate', seq: p.seq, original: p.result.status === 'signature-taken' ? 'signature-taken' : 'applied' };
        const o = outcomes.get(m.mutationId)!;
        if (o.kind === 'taken') return { mutationId: m.mutationId, status: 'signature-taken', winner: o.winner };
        if (o.kind === 'entry-exists') return { mutationId: m.mutationId, status: 'duplicate', seq: null, original: 'applied' };
        return { mutationId: m.mutationId, status: 'applied', seq: seqOf.get(m.mutationId)! };
      }),
    };
  });
}

async function loadRecords(sql: Sql, commission: string, ms: Mutation[]): Promise<Map<string, RecordState>> {
  const out = new Map<string, RecordState>();
  const keys = ms.filter((m) => m.type !== 'sign' && m.type !== 'append');
  if (!keys.length) return out;
  const { rows } = await sql.query<{ collection: string; id: string; fields: Record<string, unknown>; stamps: Record<string, string>; deleted: boolean; locked: 'locked' | 'signed' | null }>(
    `SELECT r.collection, r.id, r.fields, r.stamps, r.deleted, r.locked FROM records r
      JOIN (SELECT DISTINCT * FROM unnest($2::text[], $3::text[]) AS k(collection, id)) k ON k.collection = r.collection AND k.id = r.id
     WHERE r.commission = $1`,
    [commission, keys.map((m) => m.collection), keys.map((m) => m.id)],
  );
  for (const r of rows) out.set(recordKey(r.collection, r.id), { fields: r.fields, stamps: r.stamps, deleted: r.deleted, locked: r.locked, body: [], dirty: false });
  return out;
}

async function loadSignatures(sql: Sql, commission: string, ms: Mutation[]) {
  const out = new Map<string, { signatureId: string; personId: string; fresh?: boolean }>();
  const signs = ms.filter((m) => m.type === 'sign');
  if (!signs.length) return out;
  const { rows } = await sql.query<{ collection: string; record_id: string; box: string; signature_id: string; person_id: string }>(
    `SELECT collection, record_id, box, signature_id, person_id FROM signatures
      WHERE commission = $1 AND (collection, record_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [commission, signs.map((m) => m.collection), signs.map((m) => m.id)],
  );
  for (const r of rows) out.set(`${recordKey(r.collection, r.record_id)}\u0000${r.box}`, { signatureId: r.signature_id, personId: r.person_id });
  return out;
}

async function loadAppended(sql: Sql, commission: string, ms: Mutation[]) {
  const out = new Map<string, { data: unknown; fresh?: boolean }>();
  const appends = ms.filter((m) => m.type === 'append');
  if (!appends.length) return out;
  const { rows } = await sql.query<{ collection: string; id: string; data: unknown }>(
    `SELECT collection, id, data FROM appended
      WHERE commission = $1 AND (collection, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [commission, appends.map((m) => m.collection), appends.map((m) => m.id)],
  );
  for (const r of rows) out.set(recordKey(r.collection, r.id), { data: r.data });
  return out;
}

async function loadBlobs(sql: Sql, commission: string, ms: Mutation[]): Promise<Set<string>> {
  const wanted = ms.flatMap((m) => (m.type === 'sign' && m.blob ? [m.blob] : []));
  if (!wanted.length) return new Set();
  const { rows } = await sql.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE commission = $1 AND sha256 = ANY($2::text[])', [commission, wanted]);
  return new Set(rows.map((r) => r.sha256));
}

/** One INSERT for many rows; `constant` columns are the same for every row. */
async function insertRows(sql: Sql, table: string, rows: unknown[], columns: string, constant: Record<string, string>): Promise<void> {
  if (!rows.length) return;
  const names = columns.split(',').map((c) => c.trim().split(' ')[0]!);
  const constNames = Object.keys(constant);
  await sql.query(
    `INSERT INTO ${table} (${[...names, ...constNames].join(', ')})
     SELECT ${[...names.map((n) => `x.${n}`), ...constNames.map((_, i) => `$${i + 2}`)].join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`,
    [JSON.stringify(rows), ...Object.values(constant)],
  );
}
