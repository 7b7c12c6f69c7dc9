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
import { GUIDELINE_PARTS } from '../src-shared/domain/guideline.js';
import { mayWrite } from '../src-shared/sync/access.js';
import { emptyRecord, mergeFields, type MergedRecord } from '../src-shared/sync/merge.js';
import type { Mutation, MutationResult, PushResponse, Role } from '../src-shared/sync/protocol.js';
import type { Database, Sql } from './db.js';
import { ServerError } from './errors.js';
import { checkReviewerPush } from './review-scope.js';
import { applyDocumentSign, checkDocumentSign, checkSignersOf, describeWinners, isDocumentSign, SignRefused, signingState } from './signing.js';

export const CHANGES_CHANNEL = 'sesiona_changes';

export interface Caller {
  accountId: string;
  username: string;
  personId: string;
  role: Role;
  /** A revisor's office: its pushes are checked and merged by review-scope.ts. */
  office?: string;
  ip: string;
}

interface RecordState extends MergedRecord {
  dirty: boolean;
}

type Outcome =
  | { kind: 'change' }
  | { kind: 'taken'; winner: { signatureId: string; personId: string; account?: string; at?: string } }
  | { kind: 'entry-exists' }
  /** A signature the document cannot take (SignRefused): kept aside, answered with the server's signing state. */
  | { kind: 'refused'; reason: string; current: Record<string, unknown> | null }
  /** A put, body or lock on a deleted record: not applied, reported with who deleted it. */
  | { kind: 'deleted'; by: { account?: string; at?: string }; parent?: { collection: string; id: string } };

const recordKey = (collection: string, id: string) => `${collection}\u0000${id}`;

export async function applyPush(db: Database, commission: string, caller: Caller, clientId: string, mutations: Mutation[]): Promise<PushResponse> {
  for (const m of mutations) {
    if (!mayWrite(caller.role, m.type)) {
      throw new ServerError(403, 'FORBIDDEN', `Su papel (${caller.role}) en ${commission} no permite este cambio (${m.type}).`, m.mutationId);
    }
  }
  return db.tx(async (sql) => {
    await checkSignersOf(sql, commission, caller, mutations);
    const guidelineOf = await guidelinesOf(sql, commission, mutations);
    const lockKeys = [
      `client:${clientId}`,
      ...new Set([...mutations.map((m) => `record:${commission}:${m.collection}:${m.id}`), ...[...guidelineOf.values()].map((id) => `record:${commission}:guidelines:${id}`)]),
    ];
    await sql.query('SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS s', [lockKeys]);
    await bindClient(db, sql, clientId, caller);

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

    // A revisor's mutations are all checked, retried ones too: a replayed id learns nothing.
    const records = await loadRecords(sql, commission, caller.role === 'revisor' ? mutations : fresh);
    if (caller.role === 'revisor') await checkReviewerPush(sql, commission, caller.office ?? '', mutations, (m) => records.get(recordKey(m.collection, m.id)));
    const gone = await deletedGuidelines(sql, commission, [...new Set(guidelineOf.values())]);
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
          // A deletion is final: an edit made elsewhere before it arrived does not count, and its sender is told.
          if (m.type !== 'delete' && rec.deleted) {
            outcomes.set(m.mutationId, { kind: 'deleted', by: {} });
            break;
          }
          const guideline = guidelineOf.get(m.mutationId);
          if (guideline && (records.get(recordKey('guidelines', guideline))?.deleted ?? gone.has(guideline))) {
            outcomes.set(m.mutationId, { kind: 'deleted', by: {}, parent: { collection: 'guidelines', id: guideline } });
            break;
          }
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
            if (isDocumentSign(m)) {
              const rec = records.get(key);
              let fields: Record<string, unknown>;
              try {
                fields = checkDocumentSign(rec, m);
              } catch (e) {
                if (!(e instanceof SignRefused)) throw e;
                outcomes.set(m.mutationId, { kind: 'refused', reason: e.message, current: signingState(rec) });
                break;
              }
              applyDocumentSign(rec!, fields, m.hlc);
              rec!.dirty = true;
            }
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

    const changed = fresh.filter((m) => outcomes.get(m.mutationId)!.kind === 'change');
    const statusOf = (m: Mutation) => {
      const o = outcomes.get(m.mutationId)!;
      return o.kind === 'change' ? 'applied' : o.kind === 'taken' ? 'signature-taken' : o.kind === 'deleted' ? 'record-deleted' : o.kind === 'refused' ? 'signature-refused' : 'entry-exists';
    };
    await describeDeleters(sql, commission, fresh, outcomes, { account: caller.username, at: new Date().toISOString() });
    await writeAll(sql, [
      {
        table: 'records',
        columns: 'collection text, id text, fields jsonb, stamps jsonb, deleted boolean, locked text',
        rows: [...records.entries()]
          .filter(([, r]) => r.dirty)
          .map(([k, r]) => {
            const [collection, id] = k.split('\u0000') as [string, string];
            return { collection, id, fields: r.fields, stamps: r.stamps, deleted: r.deleted, locked: r.locked };
          }),
        constant: { commission },
        onConflict: `ON CONFLICT (commission, collection, id) DO UPDATE SET fields = EXCLUDED.fields, stamps = EXCLUDED.stamps,
           deleted = EXCLUDED.deleted, locked = EXCLUDED.locked`,
      },
      {
        table: 'signatures',
        columns: 'collection text, record_id text, box text, signature_id text, person_id text',
        rows: changed.flatMap((m) => (m.type === 'sign' ? [{ collection: m.collection, record_id: m.id, box: m.box, signature_id: m.signatureId, person_id: m.personId }] : [])),
        constant: { commission },
      },
      {
        table: 'signature_conflicts',
        columns: 'client_id text, mutation_id bigint, account text, payload jsonb, winner_signature_id text, reason text',
        rows: fresh.flatMap((m): { client_id: string; mutation_id: number; account: string; payload: Mutation; winner_signature_id: string | null; reason: string | null }[] => {
          const o = outcomes.get(m.mutationId)!;
          if (o.kind === 'refused') return [{ client_id: clientId, mutation_id: m.mutationId, account: caller.username, payload: m, winner_signature_id: null, reason: o.reason }];
          // The very signature that counts, sent again under another clientId (an account switch after a lost answer), is no conflict.
          if (o.kind !== 'taken' || (m.type === 'sign' && m.signatureId === o.winner.signatureId)) return [];
          return [{ client_id: clientId, mutation_id: m.mutationId, account: caller.username, payload: m, winner_signature_id: o.winner.signatureId, reason: null }];
        }),
        constant: { commission },
      },
      {
        table: 'appended',
        columns: 'collection text, id text, data jsonb',
        rows: changed.flatMap((m) => (m.type === 'append' ? [{ collection: m.collection, id: m.id, data: m.data }] : [])),
        constant: { commission },
      },
      {
        table: 'applied_mutations',
        columns: 'client_id text, mutation_id bigint, result jsonb',
        rows: fresh.map((m) => {
          const o = outcomes.get(m.mutationId)!;
          const result =
            o.kind === 'taken'
              ? { status: 'signature-taken' }
              : o.kind === 'deleted'
                ? { status: 'record-deleted', deletedBy: o.by }
                : o.kind === 'refused'
                  ? { status: 'signature-refused', reason: o.reason, current: o.current }
                  : { status: 'applied' };
          return { client_id: clientId, mutation_id: m.mutationId, result };
        }),
        constant: { commission },
      },
      {
        table: 'audit',
        columns: 'action text, target text, detail jsonb',
        rows: fresh.map((m) => ({ action: `push.${m.type}`, target: `${m.collection}/${m.id}`, detail: { clientId, mutationId: m.mutationId, status: statusOf(m) } })),
        constant: { commission, account: caller.username, ip: caller.ip },
      },
    ]);

    const taken = new Map(
      fresh.flatMap((m) => {
        const o = outcomes.get(m.mutationId)!;
        return o.kind === 'taken' && m.type === 'sign' ? [[m.mutationId, Object.assign(o.winner, { collection: m.collection, recordId: m.id, box: m.box })] as const] : [];
      }),
    );
    await describeWinners(sql, commission, taken);

    // The serialized tail (lock, sequence numbers in mutation order, changes, notify) in one call.
    const seqOf = new Map<number, number>();
    let cursor = 0;
    if (changed.length) {
      const { rows } = await sql.query<{ seq: string; mutation_id: string }>(
        'SELECT out_seq::text AS seq, out_mutation_id::text AS mutation_id FROM sesiona_append_changes($1, $2, $3, $4::jsonb)',
        [
          commission,
          clientId,
          caller.username,
          JSON.stringify(changed.map((m, i) => ({ ord: i + 1, mutation_id: m.mutationId, type: m.type, collection: m.collection, record_id: m.id, payload: m }))),
        ],
      );
      for (const r of rows) seqOf.set(Number(r.mutation_id), Number(r.seq));
      cursor = Math.max(...seqOf.values());
    }

    return {
      cursor,
      results: mutations.map((m): MutationResult => {
        const p = previous.get(m.mutationId);
        if (p?.result.status === 'record-deleted') return { mutationId: m.mutationId, status: 'record-deleted', deletedBy: p.result.deletedBy };
        if (p?.result.status === 'signature-refused') return { ...p.result, mutationId: m.mutationId };
        if (p) return { mutationId: m.mutationId, status: 'duplicate', seq: p.seq, original: p.result.status === 'signature-taken' ? 'signature-taken' : 'applied' };
        const o = outcomes.get(m.mutationId)!;
        if (o.kind === 'taken') {
          const { signatureId, personId, account, at } = o.winner;
          return { mutationId: m.mutationId, status: 'signature-taken', winner: { signatureId, personId, ...(account ? { account } : {}), ...(at ? { at } : {}) } };
        }
        if (o.kind === 'deleted') return { mutationId: m.mutationId, status: 'record-deleted', deletedBy: o.by };
        if (o.kind === 'refused') return { mutationId: m.mutationId, status: 'signature-refused', reason: o.reason, current: o.current as never };
        if (o.kind === 'entry-exists') return { mutationId: m.mutationId, status: 'duplicate', seq: null, original: 'applied' };
        return { mutationId: m.mutationId, status: 'applied', seq: seqOf.get(m.mutationId)! };
      }),
    };
  });
}

/**
 * A clientId belongs to the account that first pushed with it: mutationIds are idempotency keys
 * per clientId, so another account replaying it could make real mutations count as already
 * applied. Runs under the client's advisory lock, so two first pushes cannot both bind it.
 */
async function bindClient(db: Database, sql: Sql, clientId: string, caller: Caller): Promise<void> {
  let known = bindings.get(db);
  if (!known) bindings.set(db, (known = new Map()));
  if (known.get(clientId) === caller.accountId) return;
  // One round trip: the new binding, or the existing one (the statement's snapshot does not see its own insert).
  const { rows } = await sql.query<{ account_id: string; fresh: boolean }>(
    `WITH ins AS (INSERT INTO client_accounts (client_id, account_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING RETURNING account_id)
     SELECT account_id, true AS fresh FROM ins UNION ALL SELECT account_id, false FROM client_accounts WHERE client_id = $1`,
    [clientId, caller.accountId],
  );
  if (rows[0]?.account_id !== caller.accountId) {
    throw new ServerError(403, 'FORBIDDEN', 'Este identificador de equipo ya lo usa otra cuenta en el servidor; vuelva a iniciar sesión en Ajustes → Sincronización para obtener uno propio.');
  }
  // A committed binding never changes; remembering it saves a pushing laptop the statement. One made
  // by this push is not remembered yet: the push may still be rolled back.
  if (rows[0]!.fresh) return;
  if (known.size >= MAX_REMEMBERED_BINDINGS) known.clear();
  known.set(clientId, caller.accountId);
}

/** Bindings seen by this process, per database: a cache of facts that never change (no state the process depends on). */
const bindings = new WeakMap<Database, Map<string, string>>();
const MAX_REMEMBERED_BINDINGS = 50_000;

/** Who deleted each record an edit arrived too late for, and when (the record's first `delete`); `here` when this push deleted it. */
async function describeDeleters(sql: Sql, commission: string, ms: Mutation[], outcomes: Map<number, Outcome>, here: { account: string; at: string }): Promise<void> {
  // An edit to a guideline's comment, round, answer or version is late because its guideline was deleted.
  const late = ms.flatMap((m) => {
    const o = outcomes.get(m.mutationId);
    return o?.kind === 'deleted' ? [{ mutationId: m.mutationId, ...(o.parent ?? { collection: m.collection, id: m.id }) }] : [];
  });
  if (!late.length) return;
  const { rows } = await sql.query<{ collection: string; record_id: string; account: string; at: Date | string }>(
    `SELECT DISTINCT ON (collection, record_id) collection, record_id, account, at FROM changes
      WHERE commission = $1 AND type = 'delete' AND (collection, record_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
      ORDER BY collection, record_id, seq`,
    [commission, late.map((m) => m.collection), late.map((m) => m.id)],
  );
  for (const m of late) {
    const row = rows.find((r) => r.collection === m.collection && r.record_id === m.id);
    const o = outcomes.get(m.mutationId) as Extract<Outcome, { kind: 'deleted' }>;
    outcomes.set(m.mutationId, { ...o, by: row ? { account: row.account, at: new Date(row.at).toISOString() } : here });
  }
}

/**
 * The guideline each edit of a guideline's part belongs to (a part never changes guideline, so
 * this is read before the push takes its locks, and the guideline's record is locked with the
 * rest: a deletion pushed at the same time is seen by one push or the other).
 */
async function guidelinesOf(sql: Sql, commission: string, ms: Mutation[]): Promise<Map<number, string>> {
  const parts = ms.filter((m) => m.type !== 'delete' && m.type !== 'sign' && m.type !== 'append' && GUIDELINE_PARTS.has(m.collection));
  if (!parts.length) return new Map();
  const stored = new Map<string, string>();
  const unknown = parts.filter((m) => m.type !== 'put' || typeof m.fields.guidelineId !== 'string');
  if (unknown.length) {
    const { rows } = await sql.query<{ collection: string; id: string; guideline: string | null }>(
      `SELECT collection, id, fields->>'guidelineId' AS guideline FROM records
        WHERE commission = $1 AND (collection, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [commission, unknown.map((m) => m.collection), unknown.map((m) => m.id)],
    );
    for (const r of rows) if (r.guideline) stored.set(recordKey(r.collection, r.id), r.guideline);
  }
  const out = new Map<number, string>();
  for (const m of parts) {
    const id = m.type === 'put' && typeof m.fields.guidelineId === 'string' ? m.fields.guidelineId : stored.get(recordKey(m.collection, m.id));
    if (id) out.set(m.mutationId, id);
  }
  return out;
}

/** Which of these guidelines are deleted (read under their locks). */
async function deletedGuidelines(sql: Sql, commission: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { rows } = await sql.query<{ id: string }>(`SELECT id FROM records WHERE commission = $1 AND collection = 'guidelines' AND id = ANY($2::text[]) AND deleted`, [commission, ids]);
  return new Set(rows.map((r) => r.id));
}

async function loadRecords(sql: Sql, commission: string, ms: Mutation[]): Promise<Map<string, RecordState>> {
  const out = new Map<string, RecordState>();
  const keys = ms.filter((m) => (m.type !== 'sign' && m.type !== 'append') || isDocumentSign(m));
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

interface Insert {
  table: string;
  /** jsonb_to_recordset column list: "name type, …" */
  columns: string;
  rows: unknown[];
  /** Columns with the same value in every row. */
  constant: Record<string, string>;
  onConflict?: string;
}

/** Every insert in one statement (data-modifying CTEs), so a push's writes cost one round trip. */
async function writeAll(sql: Sql, inserts: Insert[]): Promise<void> {
  const params: unknown[] = [];
  const statements = inserts
    .filter((i) => i.rows.length)
    .map((i) => {
      const names = i.columns.split(',').map((c) => c.trim().split(' ')[0]!);
      params.push(JSON.stringify(i.rows));
      const json = `$${params.length}`;
      const constants = Object.entries(i.constant).map(([name, value]) => {
        params.push(value);
        return { name, ref: `$${params.length}` };
      });
      return `INSERT INTO ${i.table} (${[...names, ...constants.map((c) => c.name)].join(', ')})
        SELECT ${[...names.map((n) => `x.${n}`), ...constants.map((c) => `${c.ref}::text`)].join(', ')}
          FROM jsonb_to_recordset(${json}::jsonb) AS x(${i.columns}) ${i.onConflict ?? ''}`;
    });
  if (!statements.length) return;
  const last = statements.pop()!;
  const text = statements.length ? `WITH ${statements.map((st, n) => `w${n} AS (${st})`).join(',\n')}\n${last}` : last;
  await sql.query(text, params);
}
