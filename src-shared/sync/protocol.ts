/**
 * Wire types of the sync protocol between the app and the central server, with the zod schemas
 * both sides parse with. Pure TypeScript: the renderer, the main process and src-server share it.
 *
 * A client keeps every change in a durable outbox and pushes them as mutations, each carrying
 * the client's id and a strictly increasing mutationId, so a retried push is recognised and never
 * applied twice. The server gives each accepted mutation one number of a global sequence; pull
 * returns the changes of a commission after a cursor (the last sequence number seen).
 *
 * Mutation kinds:
 * - put: field-by-field merge of a plain record; per field, the newest hybrid logical clock wins.
 * - delete: a tombstone; a deleted record stays deleted (remove wins), whatever arrives later.
 * - lock: marks a document locked or signed; the server then rejects put/delete/body on it.
 * - body: one Yjs update (opaque bytes, base64) appended to a draft's body. A body is the list of
 *   its updates; merging two bodies is appending, because Yjs updates commute and are idempotent.
 *   The server never decodes them (the yjs package is not part of the server).
 * - sign: a signature in one box of a document; append-only, the first to reach the server wins,
 *   a later one for the same box is kept aside and reported to its signer. For the app's
 *   documents, `data` is `{ fields, over }`: the record's signing fields after the signature
 *   (pdf, bytes, signers, status, inkFrom) and the pdf sha256 it was appended to; `blob` is the
 *   signed PDF (absent for a refusal to sign), `signatureId` names the attempt.
 * - append: an immutable entry (audit entry, rúbrica, comment); the same id twice is a no-op.
 */
import { z } from 'zod';

/**
 * Per commission. `revisor`: an office answering guideline review rounds (issue 13); it syncs only
 * the rounds sent to its office and what is needed to answer them.
 */
export const ROLES = ['presidencia', 'integrante', 'secretaria', 'personal', 'admin', 'revisor'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Commission acronyms as printed in session keys (CMI, CVSPE). */
export const commissionSchema = z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, 'Siglas de comisión inválidas (ej. CMI)');
export const usernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'Usuario inválido: minúsculas, dígitos, punto, guion');

const idSchema = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'Identificador inválido');
const collectionSchema = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'Colección inválida');
export const hlcSchema = z.string().regex(/^\d{13}-\d{4}-[0-9A-Za-z]{1,64}$/, 'Marca de reloj (HLC) inválida');
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'Huella SHA-256 inválida');
export const clientIdSchema = z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, 'Identificador de equipo inválido');
const base64Schema = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Contenido base64 inválido');

/** A JSON value, bounded in depth by the request size limit. */
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const jsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonSchema), z.record(z.string(), jsonSchema)]),
);

/** Largest Yjs update accepted in one body mutation (decoded bytes). */
export const MAX_BODY_UPDATE_BYTES = 256 * 1024;
/** Most mutations in one push. */
export const MAX_PUSH_MUTATIONS = 1000;

const base = {
  mutationId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  collection: collectionSchema,
  id: idSchema,
  hlc: hlcSchema,
};

export const putMutationSchema = z.strictObject({
  ...base,
  type: z.literal('put'),
  fields: z
    .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'Nombre de campo inválido'), jsonSchema)
    .refine((f) => Object.keys(f).length > 0, 'Un cambio debe traer al menos un campo'),
});
export const deleteMutationSchema = z.strictObject({ ...base, type: z.literal('delete') });
export const lockMutationSchema = z.strictObject({ ...base, type: z.literal('lock'), state: z.enum(['locked', 'signed']) });
export const bodyMutationSchema = z.strictObject({
  ...base,
  type: z.literal('body'),
  update: base64Schema.refine((s) => (s.length * 3) / 4 <= MAX_BODY_UPDATE_BYTES + 3, 'Actualización de texto demasiado grande'),
});
export const signMutationSchema = z.strictObject({
  ...base,
  type: z.literal('sign'),
  /** The signature box of the document (e.g. the member's place on the hoja de firmas). */
  box: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'Recuadro de firma inválido'),
  signatureId: idSchema,
  personId: idSchema,
  /** The signed PDF or the stroke data, uploaded first as a blob. */
  blob: sha256Schema.optional(),
  data: z.record(z.string(), jsonSchema).optional(),
});
export const appendMutationSchema = z.strictObject({ ...base, type: z.literal('append'), data: z.record(z.string(), jsonSchema) });

export const mutationSchema = z.discriminatedUnion('type', [
  putMutationSchema,
  deleteMutationSchema,
  lockMutationSchema,
  bodyMutationSchema,
  signMutationSchema,
  appendMutationSchema,
]);
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationType = Mutation['type'];
export const MUTATION_TYPES: readonly MutationType[] = ['put', 'delete', 'lock', 'body', 'sign', 'append'];

export const pushRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  mutations: z
    .array(mutationSchema)
    .min(1, 'Nada que enviar')
    .max(MAX_PUSH_MUTATIONS, `Como máximo ${MAX_PUSH_MUTATIONS} cambios por envío`)
    .refine((ms) => ms.every((m, i) => i === 0 || m.mutationId > ms[i - 1]!.mutationId), 'Los mutationId deben ser crecientes'),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * applied: stored with sequence number seq. duplicate: already applied by an earlier push, or an
 * append-only entry the server already holds (seq is the original's when it was this client's).
 * signature-taken: the box was already signed; the signature is kept aside on the server and
 * `winner` names the one that counts. record-deleted: a put, body or lock on a record deleted on
 * the server; the client keeps the change as one that did not count and tells its user.
 */
export type MutationResult =
  | { mutationId: number; status: 'applied'; seq: number }
  | { mutationId: number; status: 'duplicate'; seq: number | null; original: 'applied' | 'signature-taken' }
  | {
      mutationId: number;
      status: 'signature-taken';
      /** The signature that counts; for documents also the account that sent it and when it reached the server. */
      winner: { signatureId: string; personId: string; account?: string; at?: string };
    }
  /**
   * The record was deleted on the server (by `deletedBy`, when it reached the server): the change
   * is not applied and nothing of it is stored but the audit entry. A retry gets the same answer.
   */
  | { mutationId: number; status: 'record-deleted'; deletedBy: { account?: string; at?: string } }
  /**
   * A signature the document cannot take (unknown document, draft, unknown or filled box, stale
   * version): kept aside on the server; `reason` in Spanish, `current` the document's signing
   * fields as the server holds them (null when it has none), so the laptop returns to them.
   */
  | { mutationId: number; status: 'signature-refused'; reason: string; current: Record<string, Json> | null };

export interface PushResponse {
  results: MutationResult[];
  cursor: number;
}

/** One accepted change, as pull returns it. */
export type Change = Mutation & { seq: number; clientId: string; account: string; at: string };

export const pullQuerySchema = z.strictObject({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  /** Leave out this client's own changes (it has them); the cursor still moves past them. */
  except: clientIdSchema.optional(),
});

export interface PullResponse {
  changes: Change[];
  /** The last sequence number returned, or `since` when there was nothing new. */
  cursor: number;
  more: boolean;
}

export const loginRequestSchema = z.strictObject({
  username: usernameSchema,
  password: z.string().min(1, 'Escriba la contraseña').max(1024),
});
export const refreshRequestSchema = z.strictObject({ refreshToken: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/, 'Token de renovación inválido') });

export interface Membership {
  commission: string;
  role: Role;
  /** A revisor's office, as the review rounds name it. */
  office?: string;
}
/** Office names are typed by hand in rounds and accounts: compared without case, accents or extra spaces. */
export const officeKey = (name: string): string =>
  name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
export const officeSchema = z.string().trim().min(1, 'Escriba la oficina').max(300, 'La oficina admite hasta 300 caracteres');

/**
 * A server account as a laptop caches it for offline sign-in (GET /accounts). `verifier` is the
 * server's own scrypt hash of the password: the laptop checks a typed password against it.
 */
export interface CachedAccount {
  id: string;
  username: string;
  personId: string;
  displayName: string;
  role: Role;
  office: string | null;
  verifier: string;
}
export interface AccountsResponse {
  accounts: CachedAccount[];
}
/** What a laptop accepts of a listed account: anything else is skipped, never cached. */
export const cachedAccountSchema = z.strictObject({
  id: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/),
  username: usernameSchema,
  personId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/),
  displayName: z.string().min(1).max(300),
  role: roleSchema,
  office: officeSchema.nullable(),
  verifier: z.string().regex(/^scrypt\$\d{1,8}\$\d{1,2}\$\d{1,2}\$[A-Za-z0-9_-]{16,64}\$[A-Za-z0-9_-]{16,128}$/),
});
export interface AccountInfo {
  username: string;
  personId: string;
  displayName: string;
  memberships: Membership[];
}
export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  account: AccountInfo;
}

/** What the server answers on every refused request. `message` is Spanish, fit for the screen. */
export interface ErrorResponse {
  error: { code: ErrorCode; message: string; mutationId?: number };
}
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'TOKEN_EXPIRED'
  /** The account was disabled (or deleted) on the server: laptops stop accepting it too. */
  | 'ACCOUNT_DISABLED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'LOCKED'
  | 'CONFLICT'
  | 'HASH_MISMATCH'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL';

/** The SSE stream of a commission sends `event: changes` with this data when new changes exist. */
export interface ChangesEvent {
  cursor: number;
}
/** `event: accounts`: an account of the commission changed (role, password, disabled); laptops refresh their cache. */
