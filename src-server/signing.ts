/**
 * Signatures in a document's boxes (the app's `documents` records). A `sign` carries the box's
 * state after signing and the version it was made on (`data.over`, the pdf's sha256), so the
 * server can tell, before anything is stored:
 * - the document is unknown here, still a draft, or the box is not one of its boxes: refused;
 * - the box was filled first by someone else: `signature-taken` (the second is kept aside);
 * - the signature was appended to a version that is no longer the document's (another laptop's
 *   signature reached the server first): refused, so a PDF carrying a losing signature never
 *   becomes the document.
 * An accepted signature updates the record's fields, so the next one is checked against it.
 */
import type { Mutation, MutationResult, Role } from '../src-shared/sync/protocol.js';
import type { MergedRecord } from '../src-shared/sync/merge.js';
import type { Sql } from './db.js';
import { ServerError } from './errors.js';

type Sign = Extract<Mutation, { type: 'sign' }>;

/**
 * A well-formed signature the server cannot place (unknown document, draft, unknown or filled box,
 * stale version): not an error of the push but its answer, `signature-refused`, kept aside like a
 * taken box so the signer is told and the laptop returns to the server's version.
 */
export class SignRefused extends ServerError {}
type Winner = Extract<MutationResult, { status: 'signature-taken' }>['winner'];

/** A signature of an app document: the server checks it against the record's boxes. */
export function isDocumentSign(m: Mutation): m is Sign {
  return m.type === 'sign' && m.collection === 'documents';
}

interface Box {
  memberId: string;
  name?: string;
  status?: string;
}

const SIGNING_FIELDS = new Set(['pdf', 'bytes', 'signers', 'status', 'inkFrom']);

/** Throws the refusal a document signature deserves; returns the fields it sets when it may be stored. */
export function checkDocumentSign(record: MergedRecord | undefined, m: Sign): Record<string, unknown> {
  const title = typeof record?.fields.title === 'string' ? `«${record.fields.title}»` : `${m.collection}/${m.id}`;
  if (!record || record.deleted || Object.keys(record.fields).length === 0) {
    throw new SignRefused(404, 'NOT_FOUND', `El documento ${m.collection}/${m.id} no está en el servidor: sincronice primero el equipo donde se redactó.`, m.mutationId);
  }
  const fields = m.data?.fields;
  const over = m.data?.over;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields) || typeof over !== 'string') {
    throw new ServerError(400, 'BAD_REQUEST', `La firma de ${title} no trae el estado del documento firmado.`, m.mutationId);
  }
  const unknown = Object.keys(fields).filter((f) => !SIGNING_FIELDS.has(f));
  if (unknown.length) throw new ServerError(400, 'BAD_REQUEST', `Una firma solo cambia el archivo y los recuadros; trae además: ${unknown.join(', ')}.`, m.mutationId);
  if (record.fields.status === 'borrador') {
    throw new SignRefused(409, 'LOCKED', `El documento ${title} aún no está bloqueado para firma en el servidor; no admite firmas.`, m.mutationId);
  }
  const boxes = Array.isArray(record.fields.signers) ? (record.fields.signers as Box[]) : [];
  const box = boxes.find((b) => b.memberId === m.box);
  if (!box) throw new SignRefused(400, 'BAD_REQUEST', `El documento ${title} no tiene el recuadro de firma ${m.box}.`, m.mutationId);
  if (box.status !== 'pendiente') {
    throw new SignRefused(409, 'CONFLICT', `El recuadro de ${box.name ?? m.box} en ${title} ya está ${box.status === 'rechazado' ? 'rechazado' : 'firmado'}; no admite otra firma.`, m.mutationId);
  }
  // Before comparing the other boxes: over another version they differ as a matter of course.
  if (over !== record.fields.pdf) {
    throw new SignRefused(
      409,
      'CONFLICT',
      `La firma de ${box.name ?? m.box} se hizo sobre una versión de ${title} que ya no es la vigente: otra firma llegó antes al servidor. Se conserva en el equipo; firme de nuevo sobre la versión actual.`,
      m.mutationId,
    );
  }
  const theirs = (fields as { signers?: unknown }).signers;
  const after = Array.isArray(theirs) ? (theirs as Box[]) : [];
  const mine = after.find((b) => b?.memberId === m.box) as (Box & { personId?: unknown }) | undefined;
  // A signature fills its own box and nothing else: every other box must stay as the server has it.
  if (
    after.length !== boxes.length ||
    boxes.some((b, i) => after[i]?.memberId !== b.memberId || (b.memberId !== m.box && canonical(after[i]) !== canonical(b))) ||
    !mine ||
    (mine.status !== 'firmado' && mine.status !== 'rechazado') ||
    mine.personId !== m.personId ||
    // The signed file is the uploaded blob; a refusal changes no file.
    (fields as { pdf?: unknown }).pdf !== (m.blob ?? record.fields.pdf) ||
    !['bloqueado', 'firmado'].includes(String((fields as { status?: unknown }).status))
  ) {
    throw new ServerError(400, 'BAD_REQUEST', `La firma de ${box.name ?? m.box} en ${title} cambia algo más que su propio recuadro; no se acepta.`, m.mutationId);
  }
  return fields as Record<string, unknown>;
}

/** The document's signing fields as the server holds them, for a laptop whose signature was refused; null when it has none. */
export function signingState(record: MergedRecord | undefined): Record<string, unknown> | null {
  if (!record || record.deleted || Object.keys(record.fields).length === 0) return null;
  return Object.fromEntries([...SIGNING_FIELDS].filter((f) => f in record.fields).map((f) => [f, record.fields[f]]));
}

/** A signature is the signer's own act: their fields win whatever the clocks say; the stamps only move forward. */
export function applyDocumentSign(record: MergedRecord, fields: Record<string, unknown>, hlc: string): void {
  for (const [name, value] of Object.entries(fields)) {
    record.fields[name] = value;
    const current = record.stamps[name];
    if (current === undefined || hlc > current) record.stamps[name] = hlc;
  }
}

/**
 * The account signing must be the box's person; the secretaría técnica may relay the signatures
 * made on the office's laptop, for people who hold an account in the commission (the proof of
 * who signed is the e.firma signature in the signed PDF, which every laptop verifies).
 */
export async function checkSignersOf(sql: Sql, commission: string, caller: { personId: string; role: Role }, ms: Mutation[]): Promise<void> {
  const relayed = ms.filter((m): m is Sign => m.type === 'sign' && m.personId !== caller.personId);
  if (!relayed.length) return;
  if (caller.role !== 'secretaria') {
    const m = relayed[0]!;
    throw new ServerError(403, 'FORBIDDEN', 'Solo la persona titular puede firmar en su recuadro (o la secretaría técnica, enviando la firma hecha en su equipo).', m.mutationId);
  }
  const { rows } = await sql.query<{ person_id: string }>(
    `SELECT DISTINCT a.person_id FROM accounts a JOIN memberships m ON m.account_id = a.id
      WHERE m.commission = $1 AND a.disabled = false AND a.person_id = ANY($2::text[])`,
    [commission, [...new Set(relayed.map((m) => m.personId))]],
  );
  const members = new Set(rows.map((r) => r.person_id));
  const stranger = relayed.find((m) => !members.has(m.personId));
  if (stranger) {
    throw new ServerError(
      403,
      'FORBIDDEN',
      `La persona ${stranger.personId} no tiene cuenta en ${commission} en el servidor: cree su cuenta con «server add-user --person ${stranger.personId}» para que su firma cuente.`,
      stranger.mutationId,
    );
  }
}

/** Who filled a taken box and when it reached the server, for the message its second signer reads. */
export async function describeWinners(sql: Sql, commission: string, winners: Map<number, Winner & { collection: string; recordId: string; box: string }>): Promise<void> {
  if (!winners.size) return;
  const list = [...winners.values()];
  const { rows } = await sql.query<{ record_id: string; box: string; signature_id: string; account: string; at: Date | string }>(
    `SELECT c.record_id, c.payload->>'box' AS box, c.payload->>'signatureId' AS signature_id, c.account, c.at FROM changes c
      WHERE c.commission = $1 AND c.type = 'sign' AND (c.collection, c.record_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [commission, list.map((w) => w.collection), list.map((w) => w.recordId)],
  );
  for (const w of list) {
    const row = rows.find((r) => r.record_id === w.recordId && r.box === w.box && r.signature_id === w.signatureId);
    if (row) Object.assign(w, { account: row.account, at: new Date(row.at).toISOString() });
  }
}

/** JSON with sorted keys: jsonb does not keep the order a client wrote. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
