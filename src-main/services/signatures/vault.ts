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
import type { VaultKey } from '../keystore/vault-key.js';
import { defineMutation, type MutationContext, type Store } from '../store/store.js';
import { hashPin, pinMatches } from './pin.js';

export const MAX_PIN_ATTEMPTS = 5;

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
  return { id, personName, memberId, personId, source, createdAt, strokeCount, pointCount, status, useCount, lastUsedAt };
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

const changePinMutation = defineMutation({
  name: 'signature.changePin',
  args: z.object({ id: z.string(), pin: z.object({ salt: z.string(), hash: z.string() }) }),
  apply: (ctx, { id, pin }) => {
    const next = { ...activeRecord(ctx, id), pin, failedAttempts: 0 };
    return { puts: [{ collection: 'signatures', record: next }], result: () => summary(next) };
  },
});

const EnrollArgs = contract['signatures.enroll'].args;

/** Sealing is bound to the record id (AAD), so a sealed blob cannot be swapped onto another record. */
async function sealFor(store: Store, key: Buffer, id: string, content: SealedSignature): Promise<string> {
  return store.blobs.put(seal(key, Buffer.from(JSON.stringify(content)), Buffer.from(id)));
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
  const base30 = encodeBase30(vector);
  const id = newId();
  const sealed = await sealFor(store, key, id, { base30, raw: args.capture.strokes, canvas: args.capture.canvas });
  const record: Omit<SignatureRecord, 'hlc'> = {
    id,
    personName: `${person.title} ${person.name}`.trim(),
    personId: person.id,
    source: 'captura',
    createdAt: new Date().toISOString(),
    strokeCount: vector.length,
    pointCount: vector.reduce((n, s) => n + s.x.length, 0),
    sealed,
    pin: await hashPin(args.pin),
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
    await confirmPin(store, record, args.pin, actor);
    const content = await openSealed(store, key, record);
    await store.mutate(useMutation, { id: record.id }, actor);
    return { id: record.id, personName: record.personName, strokes: decodeBase30(content.base30), canvas: content.canvas };
  });
}

function currentActive(store: Store, id: string): SignatureRecord {
  return activeRecord({ get: (c, i) => store.get(c, i) } as MutationContext, id);
}

/** Checks the owner's PIN; a wrong one is audited and counts towards locking the signature. */
async function confirmPin(store: Store, record: SignatureRecord, pin: string, actor: string): Promise<void> {
  if (await pinMatches(pin, record.pin)) return;
  const { failedAttempts, status } = await store.mutate(refuseMutation, { id: record.id }, actor);
  throw new AppError(
    'UNAUTHORIZED',
    status === 'bloqueada'
      ? 'PIN incorrecto. La firma quedó bloqueada por demasiados intentos fallidos.'
      : `PIN incorrecto. Le quedan ${MAX_PIN_ATTEMPTS - failedAttempts} intento(s).`,
  );
}

/** The owner replaces the PIN (e.g. the one an administrator set when importing). */
export async function changePin(store: Store, id: string, pin: string, newPin: string, actor: string): Promise<SignatureSummary> {
  return store.exclusive(`signature:${id}`, async () => {
    const record = currentActive(store, id);
    await confirmPin(store, record, pin, actor);
    return store.mutate(changePinMutation, { id, pin: await hashPin(newPin) }, actor);
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
  const pinHash = await hashPin(pin);
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
    const sealed = await sealFor(store, key, id, { base30: encodeBase30(strokes) });
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
          pin: pinHash,
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
