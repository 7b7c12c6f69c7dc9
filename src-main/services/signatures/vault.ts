import { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors.js';
import { parseArgs } from '../../../src-shared/contract/parse.js';
import { contract, type ImportReportRow, type SignatureSummary, type UsedSignature } from '../../../src-shared/contract/calls.js';
import {
  Pin,
  type RawStroke,
  type SignatureCapture,
  type SignatureRecord,
  type VectorStrokes,
} from '../../../src-shared/domain/index.js';
import { decodeBase30, encodeBase30 } from '../../../src-shared/signature/base30.js';
import { open, seal } from '../keystore/aead.js';
import { newSignatureKey, pinShare, unwrapSignatureKey, wrapSignatureKey, type PinShare } from '../keystore/signature-key.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { defineMutation, type MutationContext, type Store } from '../store/store.js';
import { legacyPinMatches } from './pin.js';

export const MAX_PIN_ATTEMPTS = 5;
/** A rúbrica goes in the margin of every page: initials, not a full signature. */
const MAX_RUBRICA_STROKES = 12;
const MAX_RUBRICA_POINTS = 4000;

/** What is sealed in blobs/: never written in clear anywhere. */
interface SealedSignature {
  base30: string;
  raw?: RawStroke[];
  canvas?: SignatureCapture['canvas'];
}


export function toVector(raw: RawStroke[]): VectorStrokes {
  return raw.map((s) => ({ x: s.points.map((p) => p.x), y: s.points.map((p) => p.y) }));
}

export function summary(r: SignatureRecord): SignatureSummary {
  const { id, personName, memberId, personId, source, createdAt, strokeCount, pointCount, status, useCount, lastUsedAt } = r;
  return { id, personName, memberId, personId, source, use: r.use ?? 'firma', createdAt, strokeCount, pointCount, status, useCount, lastUsedAt, ...(r.keyBox ? {} : { needsNewPin: true }) };
}

const PutSignature = z.object({ record: z.custom<Omit<SignatureRecord, 'hlc'>>() });

const putSignature = (name: string) =>
  defineMutation({
    name,
    args: PutSignature,
    apply: (_ctx, args) => ({
      puts: [{ collection: 'signatures', record: args.record }],
      result: () => summary(args.record as SignatureRecord),
    }),
  });

const enrollMutation = putSignature('signature.enroll');
const importMutation = putSignature('signature.import');

/** The record as it is now, inside `apply`: a copy read before the PIN check may be stale. */
function activeRecord(ctx: MutationContext, id: string): SignatureRecord {
  const record = ctx.get('signatures', id);
  if (!record) throw new AppError('NOT_FOUND', 'La firma solicitada no existe.');
  if (record.status !== 'activa') {
    throw new AppError(record.status === 'bloqueada' ? 'LOCKED' : 'CONFLICT', `La firma de ${record.personName} está ${record.status}; no puede usarse.`);
  }
  return record;
}

const ById = z.object({ id: z.string() });

const useMutation = defineMutation({
  name: 'signature.use',
  args: ById,
  apply: (ctx, { id }) => {
    const record = activeRecord(ctx, id);
    const next = { ...record, failedAttempts: 0, useCount: record.useCount + 1, lastUsedAt: new Date().toISOString() };
    return { puts: [{ collection: 'signatures', record: next }], result: () => summary(next) };
  },
});

/** A wrong PIN counts against the record as stored now, so parallel guesses cannot undercount. */
const refuseMutation = defineMutation({
  name: 'signature.refused',
  args: ById,
  apply: (ctx, { id }) => {
    const record = activeRecord(ctx, id);
    const failedAttempts = record.failedAttempts + 1;
    const status = failedAttempts >= MAX_PIN_ATTEMPTS ? ('bloqueada' as const) : ('activa' as const);
    return { puts: [{ collection: 'signatures', record: { ...record, failedAttempts, status } }], result: () => ({ failedAttempts, status }) };
  },
});

const Sha = z.string().regex(/^[0-9a-f]{64}$/);

/** Points the record at its new key box (and re-sealed strokes, when migrating); drops any legacy PIN hash. */
const changePinMutation = defineMutation({
  name: 'signature.changePin',
  args: z.object({ id: z.string(), keyBox: Sha, sealed: Sha }),
  apply: (ctx, { id, keyBox, sealed }) => {
    const { pin: _legacyHash, ...record } = activeRecord(ctx, id);
    const next = { ...record, keyBox, sealed, failedAttempts: 0 };
    return { puts: [{ collection: 'signatures', record: next }], result: () => summary(next) };
  },
});

const EnrollArgs = contract['signatures.enroll'].args;

/** Sealing is bound to the record id (AAD), so a sealed blob cannot be swapped onto another record. */
async function sealFor(store: Store, key: Buffer, id: string, content: SealedSignature): Promise<string> {
  return store.blobs.put(seal(key, Buffer.from(JSON.stringify(content)), Buffer.from(id)));
}

/** Seals the strokes under a fresh signature key and stores that key wrapped under the data key and the PIN. */
async function sealWithPin(store: Store, dataKey: Buffer, share: PinShare, id: string, content: SealedSignature): Promise<{ sealed: string; keyBox: string }> {
  const signatureKey = newSignatureKey();
  const keyBox = await store.blobs.put(wrapSignatureKey(dataKey, share, id, signatureKey));
  const sealed = await sealFor(store, signatureKey, id, content);
  return { sealed, keyBox };
}

export async function enrollSignature(
  store: Store,
  vaultKey: VaultKey,
  rawArgs: unknown,
  actor: string,
  newId: () => string,
): Promise<SignatureSummary> {
  const args = parseArgs(EnrollArgs, rawArgs);
  const person = store.get('people', args.personId);
  if (!person) throw new AppError('NOT_FOUND', 'Elija a la persona de la lista; esa persona no existe.');
  const key = vaultKey.dataKey();
  const vector = toVector(args.capture.strokes);
  if (args.use === 'rubrica' && (vector.length > MAX_RUBRICA_STROKES || vector.reduce((n, s) => n + s.x.length, 0) > MAX_RUBRICA_POINTS)) {
    throw new AppError('INVALID_ARGUMENT', 'Una rúbrica son unos pocos trazos breves (sus iniciales); esta es demasiado larga. Bórrela y trácela de nuevo.');
  }
  const base30 = encodeBase30(vector);
  const id = newId();
  const { sealed, keyBox } = await sealWithPin(store, key, await pinShare(args.pin), id, { base30, raw: args.capture.strokes, canvas: args.capture.canvas });
  const record: Omit<SignatureRecord, 'hlc'> = {
    id,
    personName: `${person.title} ${person.name}`.trim(),
    personId: person.id,
    source: 'captura',
    ...(args.use === 'rubrica' ? { use: 'rubrica' as const } : {}),
    createdAt: new Date().toISOString(),
    strokeCount: vector.length,
    pointCount: vector.reduce((n, s) => n + s.x.length, 0),
    sealed,
    keyBox,
    failedAttempts: 0,
    status: 'activa',
    useCount: 0,
  };
  return store.mutate(enrollMutation, { record }, actor);
}

const UseArgs = contract['signatures.use'].args;

/**
 * Opens a stored signature for one document. Needs the owner's PIN; every use and every refusal
 * is a mutation, hence an audit entry. Too many wrong PINs lock the signature.
 */
export async function useSignature(store: Store, vaultKey: VaultKey, rawArgs: unknown, actor: string): Promise<UsedSignature> {
  const args = parseArgs(UseArgs, rawArgs);
  const key = vaultKey.dataKey();
  // One PIN check at a time per signature: N guesses sent at once are judged as N in a row.
  return store.exclusive(`signature:${args.id}`, async () => {
    const record = currentActive(store, args.id);
    if (!record.keyBox) throw needsNewPin(record);
    const signatureKey = await confirmPin(store, key, record, args.pin, actor);
    const content = await openSealed(store, signatureKey, record);
    await store.mutate(useMutation, { id: record.id }, actor);
    return { id: record.id, personName: record.personName, strokes: decodeBase30(content.base30), canvas: content.canvas };
  });
}

function currentActive(store: Store, id: string): SignatureRecord {
  return activeRecord({ get: (c, i) => store.get(c, i) } as MutationContext, id);
}

function needsNewPin(record: SignatureRecord): AppError {
  return new AppError(
    'CONFLICT',
    `La firma de ${record.personName} se guardó con la protección anterior del PIN. Antes de usarla, su titular debe fijar un PIN nuevo ` +
      'de al menos 6 dígitos con «Cambiar PIN» (se le pedirá el PIN actual).',
  );
}

async function keyBoxBytes(store: Store, record: SignatureRecord & { keyBox: string }): Promise<Buffer> {
  try {
    return await store.blobs.get(record.keyBox);
  } catch {
    throw new AppError('STORAGE', `La llave de la firma de ${record.personName} falta o está dañada; no puede usarse. Las demás firmas no se ven afectadas.`);
  }
}

/**
 * Checks the owner's PIN by unwrapping the signature's key with it; a wrong one is audited and
 * counts towards locking the signature. Returns the key that opens the strokes: for a record from
 * before key boxes, the data key itself (its strokes were sealed with it).
 */
async function confirmPin(store: Store, dataKey: Buffer, record: SignatureRecord, pin: string, actor: string): Promise<Buffer> {
  let key: Buffer | null;
  if (record.keyBox) key = await unwrapSignatureKey(dataKey, pin, record.id, await keyBoxBytes(store, { ...record, keyBox: record.keyBox }));
  else key = record.pin && (await legacyPinMatches(pin, record.pin)) ? dataKey : null;
  if (key) return key;
  const { failedAttempts, status } = await store.mutate(refuseMutation, { id: record.id }, actor);
  // Signing asks for two PINs at once (signature and rúbrica): the message says which one failed.
  const rubrica = record.use === 'rubrica';
  throw new AppError(
    'UNAUTHORIZED',
    status === 'bloqueada'
      ? `${rubrica ? 'PIN de la rúbrica incorrecto. La rúbrica' : 'PIN incorrecto. La firma'} quedó bloqueada por demasiados intentos fallidos.`
      : `${rubrica ? 'PIN de la rúbrica incorrecto' : 'PIN incorrecto'}. Le quedan ${MAX_PIN_ATTEMPTS - failedAttempts} intento(s).`,
  );
}

/**
 * The owner replaces the PIN (e.g. the one an administrator set when importing): the signature's
 * key is wrapped again under the new PIN and the old box is deleted, so the old PIN opens nothing.
 * A record from before key boxes is migrated here: its strokes are re-sealed under a new
 * signature key and the copy sealed with the data key alone is deleted.
 */
export async function changePin(store: Store, vaultKey: VaultKey, id: string, pin: string, newPin: string, actor: string): Promise<SignatureSummary> {
  parseArgs(z.object({ newPin: Pin }), { newPin });
  const dataKey = vaultKey.dataKey();
  return store.exclusive(`signature:${id}`, async () => {
    const record = currentActive(store, id);
    const key = await confirmPin(store, dataKey, record, pin, actor);
    let next: { sealed: string; keyBox: string };
    if (record.keyBox) {
      next = { sealed: record.sealed, keyBox: await store.blobs.put(wrapSignatureKey(dataKey, await pinShare(newPin), id, key)) };
    } else {
      next = await sealWithPin(store, dataKey, await pinShare(newPin), id, await openSealed(store, key, record));
    }
    const result = await store.mutate(changePinMutation, { id, ...next }, actor);
    // After the commit: a crash here leaves an orphan blob, never a record without its key.
    if (record.keyBox && record.keyBox !== next.keyBox) await store.blobs.remove(record.keyBox);
    if (record.sealed !== next.sealed) await store.blobs.remove(record.sealed);
    return result;
  });
}

async function openSealed(store: Store, key: Buffer, record: SignatureRecord): Promise<SealedSignature> {
  let bytes: Buffer;
  try {
    bytes = await store.blobs.get(record.sealed);
  } catch {
    throw new AppError('STORAGE', `La firma guardada de ${record.personName} está dañada y no puede leerse; las demás firmas no se ven afectadas.`);
  }
  let plain: Buffer;
  try {
    plain = open(key, bytes, Buffer.from(record.id));
  } catch {
    throw new AppError('STORAGE', `La firma guardada de ${record.personName} fue alterada o no corresponde a esta clave; no puede usarse.`);
  }
  return JSON.parse(plain.toString('utf8')) as SealedSignature;
}

/**
 * Imports signatures stored by the earlier web system (jSignature base30 strings) into the vault.
 * Each row stands alone: a bad row is reported and skipped, good rows are sealed and stored.
 */
export async function importLegacy(
  store: Store,
  vaultKey: VaultKey,
  rows: { row: number; personName: string; base30: string }[],
  pin: string,
  actor: string,
  newId: () => string,
): Promise<ImportReportRow[]> {
  parseArgs(z.object({ pin: Pin }), { pin });
  const key = vaultKey.dataKey();
  const share = await pinShare(pin);
  const report: ImportReportRow[] = [];
  for (const { row, personName, base30 } of rows) {
    const name = personName.trim();
    if (!name) {
      report.push({ row, personName, status: 'rechazada', reason: 'Falta el nombre de la persona.' });
      continue;
    }
    let strokes: VectorStrokes;
    try {
      strokes = decodeBase30(base30.trim());
    } catch (e) {
      const es = (e as { messageEs?: string }).messageEs ?? 'La firma no tiene formato base30 válido.';
      report.push({ row, personName: name, status: 'rechazada', reason: es });
      continue;
    }
    const id = newId();
    const { sealed, keyBox } = await sealWithPin(store, key, share, id, { base30: encodeBase30(strokes) });
    await store.mutate(
      importMutation,
      {
        record: {
          id,
          personName: name,
          source: 'importacion',
          createdAt: new Date().toISOString(),
          strokeCount: strokes.length,
          pointCount: strokes.reduce((n, s) => n + s.x.length, 0),
          sealed,
          keyBox,
          failedAttempts: 0,
          status: 'activa',
          useCount: 0,
        },
      },
      actor,
    );
    report.push({ row, personName: name, status: 'importada', id });
  }
  return report;
}
