import { z } from 'zod';
import {
  Activity,
  Commission,
  Id,
  IsoDate,
  Modality,
  Percent,
  Period,
  Pin,
  type DocumentSigner,
  type TrustRoot,
  Programme,
  SignatureCapture,
  Session,
  SessionCalendar,
  SessionStatus,
  SessionType,
} from '../domain/index.js';
import type { CallName } from './names.js';
import type { Reply } from './errors.js';

export interface AppInfo {
  version: string;
  dataDir: string;
  host: 'electron' | 'web';
  keyStore: string;
  schemaVersion: number;
  counts: Record<string, number>;
}

export interface SessionSummary {
  id: string;
  key: string;
  type: SessionType;
  date: string;
  modality: Modality;
  status: SessionStatus;
  commissionId: string;
  commissionAcronym: string;
  agendaCount: number;
}

export interface SessionDetail {
  session: Session;
  commission: Commission;
}

export interface AuditEntry {
  seq: number;
  at: string;
  hlc: string;
  actor: string;
  mutation: string;
  records: { collection: string; id: string }[];
  prevHash: string;
  hash: string;
}

export interface VaultStatus {
  unlocked: boolean;
  kind: 'safeStorage' | 'passphrase';
}

export interface SignatureSummary {
  id: string;
  personName: string;
  memberId?: string;
  source: 'captura' | 'importacion';
  createdAt: string;
  strokeCount: number;
  pointCount: number;
  status: 'activa' | 'bloqueada' | 'revocada';
  useCount: number;
  lastUsedAt?: string;
}

export interface UsedSignature {
  id: string;
  personName: string;
  strokes: { x: number[]; y: number[] }[];
  canvas?: { width: number; height: number; pixelRatio: number };
}

export interface ImportReportRow {
  row: number;
  personName: string;
  status: 'importada' | 'rechazada';
  reason?: string;
  id?: string;
}

export interface DocumentSummary {
  id: string;
  kind: 'acuse' | 'acta' | 'informe' | 'importado';
  title: string;
  fileName: string;
  createdAt: string;
  bytes: number;
  status: 'borrador' | 'bloqueado' | 'firmado';
  signers: DocumentSigner[];
  lockedAt?: string;
  sealPayload?: string;
  documentTimestamps: string[];
}

export interface PrintCheck {
  matches: boolean;
  documentId: string;
  reasons: string[];
  signatures: number;
  selloValid: boolean;
}

export interface SignatureCheck {
  fieldName: string;
  signerName: string | null;
  rfc: string | null;
  certificateNumber: string | null;
  signingTime: string | null;
  timestamp: { time: string } | null;
  integrity: boolean;
  modifiedAfter: boolean;
  /** What later revisions changed that they may not, naming the object and the page. */
  modifications: { object: number; page: number | null; description: string }[];
  laterRevisions: number;
  chainTrusted: boolean | null;
  certificateValidAtSigningTime: boolean | null;
  hasSigningCertificateV2: boolean;
  /** 'valid' only when intact, unmodified, valid at signing time and trusted. */
  verdict: 'valid' | 'untrusted' | 'modified' | 'invalid';
  problems: string[];
}

export interface CertificateView {
  id: string;
  kind: 'sat' | 'p12';
  info: {
    subjectName: string;
    rfc: string | null;
    curp: string | null;
    certificateNumber: string;
    issuerName: string;
    notBefore: string;
    notAfter: string;
  };
  keyKept: boolean;
  validity: 'valid' | 'expired' | 'not-yet-valid';
  warning: string | null;
}

export interface VerificationReport {
  isSignedPdf: boolean;
  /** Every signature is 'valid' (intact, unmodified and trusted). */
  allValid: boolean;
  /** Every signature is intact and unmodified, trusted or not. */
  allIntact: boolean;
  signatures: SignatureCheck[];
}

export interface BatchStatus {
  jobId: string;
  state: 'en-curso' | 'terminado' | 'cancelado' | 'error';
  done: number;
  total: number;
  written: number;
  failed: { folio: string; reason: string }[];
  outDir: string;
  seconds: number;
  error?: string;
}

export interface AuditCheck {
  ok: boolean;
  entries: number;
  /** First sequence number whose hash or link does not match, when ok is false. */
  brokenAt?: number;
}

interface CallSpec<A extends z.ZodType, R> {
  args: A;
  /** Type-only marker for the result; never read at run time. */
  result?: R;
  /** Whether the call changes stored data (used for audit and future sync). */
  mutates: boolean;
}

function call<R>() {
  return <A extends z.ZodType>(args: A, mutates = false): CallSpec<A, R> => ({ args, mutates });
}

const NoArgs = z.object({}).strict();
const Base64File = z
  .string()
  .min(4, 'El archivo está vacío.')
  .max(10 * 1024 * 1024, 'El archivo es demasiado grande.')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'El archivo no se recibió completo (base64 inválido).');
const CredentialFiles = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sat'), cer: Base64File, key: Base64File }).strict(),
  z.object({ kind: z.literal('p12'), p12: Base64File }).strict(),
]);
const Year = z.number().int().min(1990).max(2100);

export const contract = {
  'app.info': call<AppInfo>()(NoArgs),
  'commissions.list': call<Commission[]>()(NoArgs),
  'sessions.list': call<SessionSummary[]>()(
    z.object({ commissionId: Id.optional(), year: Year.optional() }).strict(),
  ),
  'sessions.get': call<SessionDetail>()(z.object({ id: Id }).strict()),
  'sessions.create': call<Session>()(
    z
      .object({
        commissionId: Id,
        type: SessionType,
        date: IsoDate,
        modality: Modality,
        agenda: z
          .array(z.string().trim().min(1, 'Un punto del orden del día está vacío').max(4000))
          .min(1, 'El orden del día necesita al menos un punto')
          .max(20, 'El orden del día admite hasta 20 puntos'),
      })
      .strict(),
    true,
  ),
  'sessions.setStatus': call<Session>()(z.object({ id: Id, status: SessionStatus }).strict(), true),
  'activities.list': call<z.infer<typeof Activity>[]>()(
    z.object({ commissionId: Id.optional(), year: Year.optional() }).strict(),
  ),
  'activities.setProgress': call<z.infer<typeof Activity>>()(
    z
      .object({
        id: Id,
        period: Period,
        percent: Percent,
        narrative: z.string().max(20000).default(''),
      })
      .strict(),
    true,
  ),
  'programmes.list': call<z.infer<typeof Programme>[]>()(
    z.object({ commissionId: Id.optional() }).strict(),
  ),
  'calendars.list': call<z.infer<typeof SessionCalendar>[]>()(
    z.object({ commissionId: Id.optional() }).strict(),
  ),
  'audit.list': call<AuditEntry[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  ),
  'audit.verify': call<AuditCheck>()(NoArgs),
  'vault.status': call<VaultStatus>()(NoArgs),
  'vault.unlock': call<VaultStatus>()(
    z.object({ passphrase: z.string().min(8, 'La frase de acceso debe tener al menos 8 caracteres.').max(200) }).strict(),
  ),
  'signatures.list': call<SignatureSummary[]>()(NoArgs),
  'signatures.enroll': call<SignatureSummary>()(
    z
      .object({
        personName: z.string().trim().min(1, 'Indique el nombre de la persona que firma.').max(200),
        memberId: Id.optional(),
        pin: Pin,
        capture: SignatureCapture,
      })
      .strict(),
    true,
  ),
  'signatures.use': call<UsedSignature>()(
    z
      .object({
        id: Id,
        pin: z.string().max(20),
        purpose: z.string().trim().min(1, 'Indique el documento en que se usará la firma.').max(300),
      })
      .strict(),
    true,
  ),
  'documents.list': call<DocumentSummary[]>()(NoArgs),
  'documents.pdf': call<{ fileName: string; base64: string }>()(z.object({ id: Id }).strict()),
  'documents.acknowledge': call<{ document: DocumentSummary; strokes: { x: number[]; y: number[] }[] }>()(
    z
      .object({
        signatureId: Id,
        pin: z.string().max(20),
        signerRole: z.string().trim().min(1, 'Indique el cargo de quien firma.').max(200),
        folio: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'El folio solo admite letras, números, guion y guion bajo (hasta 64).'),
        name: z.string().trim().min(1, 'Indique el nombre de la persona solicitante.').max(160),
        concept: z.string().trim().min(1).max(300).optional(),
        date: IsoDate.optional(),
      })
      .strict(),
    true,
  ),
  'documents.get': call<DocumentSummary>()(z.object({ id: Id }).strict()),
  'documents.createActa': call<DocumentSummary>()(z.object({ sessionId: Id }).strict(), true),
  'documents.setOrder': call<DocumentSummary>()(z.object({ id: Id, memberIds: z.array(Id).min(1).max(50) }).strict(), true),
  'documents.lock': call<DocumentSummary>()(z.object({ id: Id }).strict(), true),
  'documents.sign': call<DocumentSummary>()(
    z
      .object({
        id: Id,
        memberId: Id,
        credentials: z.union([CredentialFiles, z.object({ kind: z.literal('stored'), certificateId: Id }).strict()]),
        password: z.string().min(1, 'Escriba la contraseña de su clave privada.').max(200),
        handwritten: z.object({ signatureId: Id, pin: z.string().max(20) }).strict().optional(),
      })
      .strict(),
    true,
  ),
  'documents.refuse': call<DocumentSummary>()(
    z.object({ id: Id, memberId: Id, reason: z.string().trim().min(1, 'Indique el motivo.').max(1000) }).strict(),
    true,
  ),
  'documents.verify': call<VerificationReport>()(z.object({ id: Id }).strict()),
  'certificates.list': call<CertificateView[]>()(NoArgs),
  'certificates.import': call<CertificateView>()(
    z
      .object({
        credentials: CredentialFiles,
        password: z.string().min(1, 'Escriba la contraseña de su clave privada.').max(200),
        keepKey: z.boolean(),
      })
      .strict(),
    true,
  ),
  'documents.addTimestamp': call<DocumentSummary>()(z.object({ id: Id }).strict(), true),
  'documents.verifyPrint': call<PrintCheck>()(
    z.object({ payload: z.string().trim().min(1, 'Escriba o lea el contenido del código QR.').max(500), id: Id }).strict(),
  ),
  'settings.get': call<{ tsaUrl: string; sealCertificateNumber: string | null }>()(NoArgs),
  'settings.setTsa': call<{ tsaUrl: string }>()(
    z
      .object({
        tsaUrl: z.union([
          z.literal(''),
          z.string().trim().url('La dirección del servicio de sellado de tiempo no es válida.').regex(/^https?:\/\//, 'La dirección debe comenzar con http:// o https://'),
        ]),
      })
      .strict(),
    true,
  ),
  'trust.list': call<TrustRoot[]>()(NoArgs),
  'trust.add': call<TrustRoot>()(z.object({ certificate: Base64File }).strict(), true),
  'documents.acknowledgeFresh': call<{ document: DocumentSummary; strokes: { x: number[]; y: number[] }[] }>()(
    z
      .object({
        signerName: z.string().trim().min(1, 'Indique el nombre de quien firma.').max(160),
        capture: SignatureCapture,
        signerRole: z.string().trim().min(1, 'Indique el cargo de quien firma.').max(200),
        folio: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'El folio solo admite letras, números, guion y guion bajo (hasta 64).'),
        name: z.string().trim().min(1, 'Indique el nombre de la persona solicitante.').max(160),
        date: IsoDate.optional(),
      })
      .strict(),
    true,
  ),
  'batch.start': call<BatchStatus>()(
    z
      .object({
        signatureId: Id,
        pin: z.string().max(20),
        signerRole: z.string().trim().min(1, 'Indique el cargo de quien firma.').max(200),
        /** CSV with columns folio,nombre (header row required). */
        csv: z.string().min(1, 'El archivo de solicitantes está vacío.').max(20 * 1024 * 1024),
        concept: z.string().trim().min(1).max(300).optional(),
        date: IsoDate.optional(),
      })
      .strict(),
    true,
  ),
  'batch.status': call<BatchStatus>()(z.object({ jobId: z.string().regex(/^[0-9A-Z]{26}$/) }).strict()),
  'batch.cancel': call<BatchStatus>()(z.object({ jobId: z.string().regex(/^[0-9A-Z]{26}$/) }).strict()),
  'signatures.changePin': call<SignatureSummary>()(
    z.object({ id: Id, pin: z.string().max(20), newPin: Pin }).strict(),
    true,
  ),
  'signatures.import': call<ImportReportRow[]>()(
    z
      .object({
        format: z.enum(['csv', 'json']),
        content: z.string().max(50 * 1024 * 1024, 'El archivo es demasiado grande (máximo 50 MB).'),
        pin: Pin,
      })
      .strict(),
    true,
  ),
} satisfies { [K in CallName]: CallSpec<z.ZodType, unknown> };

// Both directions: a call in the contract but not in names.ts fails here too.
type Missing = Exclude<keyof typeof contract, CallName>;
const _noExtraCalls: Missing extends never ? true : never = true;
void _noExtraCalls;

export type Contract = typeof contract;
export type ArgsOf<K extends CallName> = z.input<Contract[K]['args']>;
export type ParsedArgsOf<K extends CallName> = z.output<Contract[K]['args']>;
export type ResultOf<K extends CallName> = NonNullable<Contract[K]['result']>;

/** The bridge the preload exposes and the renderer's client implements. */
export type SesionaApi = { [K in CallName]: (args: ArgsOf<K>) => Promise<Reply<ResultOf<K>>> };
