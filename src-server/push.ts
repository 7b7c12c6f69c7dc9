/**
 * Applies one push in one transaction: all of it or none of it. A whole push is refused (4xx,
 * nothing stored) when any mutation is not allowed; the client then sets that mutation aside and
 * pushes the rest. Work is batched (a fixed number of queries per push, whatever its size)
 * because a push may carry a thousand mutations.
 *
 * Pushes of one commission run one at a time under an advisory lock held to commit, so sequence
 * numbers of a commission become visible in order and a pull never skips a change that commits
 * late. Different commissions do not wait for each other.
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
  exists: boolean;
  dirty: boolean;
}

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
    await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`commission:${commission}`]);

    const ids = mutations.map((m) => m.mutationId);
    const previous = new Map<number, { commission: string; result: MutationResult }>();
    for (const r of (
      await sql.query<{ mutation_id: string; commission: string; result: MutationResult }>(
        'SELECT mutation_id::text, commission, result FROM applied_mutations WHERE client_id = $1 AND mutation_id = ANY($2::bigint[])',
        [clientId, ids],
      )
    ).rows) {
      previous.set(Number(r.mutation_id), { commission: r.commission, result: r.result });
    }
    const fresh = mutations.filter((m) => !previous.has(m.mutationId));
    for (const m of mutations) {
      const p = previous.get(m.mutationId);
      if (p && p.commission !== commission) {
        throw new ServerError(409, 'CONFLICT', 'Ese identificador de cambio ya se usó en otra comisión.', m.mutationId);
      }
    }

    const records = await loadRecords(sql, commission, fresh);
    const signatures = await loadSignatures(sql, commission, fresh);
    const appended = await loadAppended(sql, commission, fresh);
    const blobs = await loadBlobs(sql, commission, fresh);

    // Decide everything in memory first, so a refusal leaves nothing behind.
    type Planned = { m: Mutation; kind: 'change' } | { m: Mutation; kind: 'taken'; winner: { signatureId: string; personId: string; seq: number } } | { m: Mutation; kind: 'noop'; seq: number };
    const plan: Planned[] = [];
    const newSignatures = new Map<string, { signatureId: string; personId: string; index: number }>();
    for (const m of fresh) {
      const key = recordKey(m.collection, m.id);
      const rec = records.get(key) ?? newRecordState();
      records.set(key, rec);
      switch (m.type) {
        case 'put':
        case 'delete':
        case 'body':
          if (rec.locked) throw new ServerError(409, 'LOCKED', `El documento ${m.collection}/${m.id} está ${rec.locked === 'signed' ? 'firmado' : 'bloqueado'} y ya no admite cambios.`, m.mutationId);
          if (m.type === 'put' && !rec.deleted) mergeFields(rec, m.fields, m.hlc);
          if (m.type === 'delete') rec.deleted = true;
          rec.dirty = true;
          plan.push({ m, kind: 'change' });
          break;
        case 'lock':
          if (rec.locked !== 'signed') rec.locked = m.state;
          rec.dirty = true;
          plan.push({ m, kind: 'change' });
          break;
        case 'sign': {
          if (m.blob && !blobs.has(m.blob)) {
            throw new ServerError(400, 'BAD_REQUEST', `Falta el archivo ${m.blob.slice(0, 12)}… de la firma: súbalo antes de enviar la firma.`, m.mutationId);
          }
          const box = `${key}\u0000${m.box}`;
          const winner = signatures.get(box);
          const earlier = newSignatures.get(box);
          if (winner) plan.push({ m, kind: 'taken', winner });
          else if (earlier) plan.push({ m, kind: 'taken', winner: { signatureId: earlier.signatureId, personId: earlier.personId, seq: -1 - earlier.index } });
          else {
            newSignatures.set(box, { signatureId: m.signatureId, personId: m.personId, index: plan.length });
            plan.push({ m, kind: 'change' });
          }
          break;
        }
        case 'append': {
          const existing = appended.get(key);
          if (existing) {
            if (JSON.stringify(existing.data) !== JSON.stringify(m.data)) {
              throw new ServerError(409, 'CONFLICT', `La entrada ${m.collection}/${m.id} ya existe con otro contenido; las entradas no se modifican.`, m.mutationId);
            }
            plan.push({ m, kind: 'noop', seq: existing.seq });
          } else {
            appended.set(key, { data: m.data, seq: -1 });
            plan.push({ m, kind: 'change' });
          }
          break;
        }
      }
    }

    const changeCount = plan.filter((p) => p.kind === 'change').length;
    const seqs = changeCount
      ? (await sql.query<{ s: string }>('SELECT nextval(\'change_seq\')::text AS s FROM generate_series(1, $1)', [changeCount])).rows.map((r) => Number(r.s)).sort((a, b) => a - b)
      : [];
    let next = 0;
    const seqOf = new Map<number, number>();
    const results = new Map<number, MutationResult>();
    const changeRows: unknown[] = [];
    const signatureRows: unknown[] = [];
    const conflictRows: unknown[] = [];
    const appendRows: unknown[] = [];
    for (const [index, p] of plan.entries()) {
      const m = p.m;
      if (p.kind === 'change') {
        const seq = seqs[next++]!;
        seqOf.set(index, seq);
        results.set(m.mutationId, { mutationId: m.mutationId, status: 'applied', seq });
        changeRows.push({ seq, client_id: clientId, mutation_id: m.mutationId, type: m.type, collection: m.collection, record_id: m.id, payload: m });
        records.get(recordKey(m.collection, m.id))!.lastSeq = seq;
        if (m.type === 'sign') signatureRows.push({ collection: m.collection, record_id: m.id, box: m.box, signature_id: m.signatureId, person_id: m.personId, seq });
        if (m.type === 'append') appendRows.push({ collection: m.collection, id: m.id, data: m.data, seq });
      } else if (p.kind === 'noop') {
        results.set(m.mutationId, { mutationId: m.mutationId, status: 'applied', seq: p.seq });
      } else {
        // A signature taken earlier in this same push gets its sequence number now.
        const winner = p.winner.seq < 0 ? { ...p.winner, seq: seqOf.get(-1 - p.winner.seq)! } : p.winner;
        results.set(m.mutationId, { mutationId: m.mutationId, status: 'signature-taken', winner });
        conflictRows.push({ client_id: clientId, mutation_id: m.mutationId, account: caller.username, payload: m, winner_signature_id: winner.signatureId });
      }
    }

    await insertRows(sql, 'changes', changeRows, `seq bigint, client_id text, mutation_id bigint, type text, collection text, record_id text, payload jsonb`, {
      commission,
      account: caller.username,
    });
    const dirty = [...records.entries()].filter(([, r]) => r.dirty);
    if (dirty.length) {
      const rows = dirty.map(([k, r]) => {
        const [collection, id] = k.split('\u0000') as [string, string];
        return { collection, id, fields: r.fields, stamps: r.stamps, deleted: r.deleted, locked: r.locked, last_seq: r.lastSeq };
      });
      await sql.query(
        `INSERT INTO records (commission, collection, id, fields, stamps, deleted, locked, last_seq)
         SELECT $1, x.collection, x.id, x.fields, x.stamps, x.deleted, x.locked, x.last_seq
           FROM jsonb_to_recordset($2::jsonb) AS x(collection text, id text, fields jsonb, stamps jsonb, deleted boolean, locked text, last_seq bigint)
         ON CONFLICT (commission, collection, id) DO UPDATE SET fields = EXCLUDED.fields, stamps = EXCLUDED.stamps,
           deleted = EXCLUDED.deleted, locked = EXCLUDED.locked, last_seq = EXCLUDED.last_seq`,
        [commission, JSON.stringify(rows)],
      );
    }
    await insertRows(sql, 'signatures', signatureRows, 'collection text, record_id text, box text, signature_id text, person_id text, seq bigint', { commission });
    await insertRows(sql, 'signature_conflicts', conflictRows, 'client_id text, mutation_id bigint, account text, payload jsonb, winner_signature_id text', { commission });
    await insertRows(sql, 'appended', appendRows.map((r) => { const { seq: _seq, ...rest } = r as { seq: number }; return rest; }), 'collection text, id text, data jsonb', { commission });
    await insertRows(
      sql,
      'applied_mutations',
      fresh.map((m) => ({ client_id: clientId, mutation_id: m.mutationId, result: results.get(m.mutationId) })),
      'client_id text, mutation_id bigint, result jsonb',
      { commission },
    );
    await insertRows(
      sql,
      'audit',
      fresh.map((m) => ({
        action: `push.${m.type}`,
        target: `${m.collection}/${m.id}`,
        detail: { clientId, mutationId: m.mutationId, status: results.get(m.mutationId)!.status },
      })),
      'action text, target text, detail jsonb',
      { commission, account: caller.username, ip: caller.ip },
    );
    const cursor = seqs.length ? seqs[seqs.length - 1]! : 0;
    // Delivered at commit, to every process LISTENing (see events.ts).
    if (seqs.length) await sql.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${commission}:${cursor}`]);

    return {
      cursor,
      results: mutations.map((m) => {
        const p = previous.get(m.mutationId);
        if (p) {
          const original = p.result;
          return { mutationId: m.mutationId, status: 'duplicate', seq: 'seq' in original ? original.seq : null, original: original.status === 'signature-taken' ? 'signature-taken' : 'applied' };
        }
        return results.get(m.mutationId)!;
      }),
    };
  });
}

function newRecordState(): RecordState & { lastSeq: number } {
  return { ...emptyRecord(), exists: false, dirty: false, lastSeq: 0 };
}

async function loadRecords(sql: Sql, commission: string, ms: Mutation[]): Promise<Map<string, RecordState & { lastSeq: number }>> {
  const out = new Map<string, RecordState & { lastSeq: number }>();
  const keys = ms.filter((m) => m.type !== 'sign' && m.type !== 'append');
  if (!keys.length) return out;
  const { rows } = await sql.query<{ collection: string; id: string; fields: Record<string, unknown>; stamps: Record<string, string>; deleted: boolean; locked: 'locked' | 'signed' | null; last_seq: string }>(
    `SELECT r.collection, r.id, r.fields, r.stamps, r.deleted, r.locked, r.last_seq::text FROM records r
      JOIN (SELECT DISTINCT * FROM unnest($2::text[], $3::text[]) AS k(collection, id)) k ON k.collection = r.collection AND k.id = r.id
     WHERE r.commission = $1`,
    [commission, keys.map((m) => m.collection), keys.map((m) => m.id)],
  );
  for (const r of rows) {
    out.set(recordKey(r.collection, r.id), { fields: r.fields, stamps: r.stamps, deleted: r.deleted, locked: r.locked, body: [], exists: true, dirty: false, lastSeq: Number(r.last_seq) });
  }
  return out;
}

async function loadSignatures(sql: Sql, commission: string, ms: Mutation[]) {
  const out = new Map<string, { signatureId: string; personId: string; seq: number }>();
  const signs = ms.filter((m) => m.type === 'sign');
  if (!signs.length) return out;
  const { rows } = await sql.query<{ collection: string; record_id: string; box: string; signature_id: string; person_id: string; seq: string }>(
    `SELECT collection, record_id, box, signature_id, person_id, seq::text FROM signatures
      WHERE commission = $1 AND (collection, record_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [commission, signs.map((m) => m.collection), signs.map((m) => m.id)],
  );
  for (const r of rows) out.set(`${recordKey(r.collection, r.record_id)}\u0000${r.box}`, { signatureId: r.signature_id, personId: r.person_id, seq: Number(r.seq) });
  return out;
}

async function loadAppended(sql: Sql, commission: string, ms: Mutation[]) {
  const out = new Map<string, { data: unknown; seq: number }>();
  const appends = ms.filter((m) => m.type === 'append');
  if (!appends.length) return out;
  const { rows } = await sql.query<{ collection: string; id: string; data: unknown }>(
    `SELECT a.collection, a.id, a.data FROM appended a
      WHERE a.commission = $1 AND (a.collection, a.id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [commission, appends.map((m) => m.collection), appends.map((m) => m.id)],
  );
  for (const r of rows) {
    const seq = await sql.query<{ seq: string }>(
      `SELECT seq::text FROM changes WHERE commission = $1 AND type = 'append' AND collection = $2 AND record_id = $3 ORDER BY changes.seq LIMIT 1`,
      [commission, r.collection, r.id],
    );
    out.set(recordKey(r.collection, r.id), { data: r.data, seq: Number(seq.rows[0]?.seq ?? 0) });
  }
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
  const params: unknown[] = [JSON.stringify(rows), ...Object.values(constant)];
  await sql.query(
    `INSERT INTO ${table} (${[...names, ...constNames].join(', ')})
     SELECT ${[...names.map((n) => `x.${n}`), ...constNames.map((_, i) => `$${i + 2}`)].join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`,
    params,
  );
}
