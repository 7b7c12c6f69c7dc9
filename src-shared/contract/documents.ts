import { z } from 'zod';
import { Id, IsoDate, SignatureCapture, type DocumentSigner, type TrustRoot } from '../domain/index.js';
import { Base64File, call, CredentialFiles, NoArgs } from './spec.js';

export interface DocumentSummary {
  id: string;
  kind: 'acuse' | 'acta' | 'convocatoria' | 'informe' | 'programa' | 'importado' | 'lineamiento';
  title: string;
  fileName: string;
  createdAt: string;
  bytes: number;
  status: 'borrador' | 'bloqueado' | 'firmado';
  signers: DocumentSigner[];
  lockedAt?: string;
  sealPayload?: string;
  documentTimestamps: string[];
  /** Signatures made on this laptop for boxes another laptop filled first (documents.get only). */
  signatureConflicts?: SignatureConflictView[];
}

/** A signature that did not count, as the document's screen tells its signer. */
export interface SignatureConflictView {
  id: string;
  boxName: string;
  at: string;
  /** sha256 of the version it produced, kept in this laptop's blobs. */
  pdf: string;
  /** Spanish: whose signature counts, when, and that this one is kept. */
  message: string;
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

/** Whether the signature in a box comes from the person printed under it. */
export interface BoxCheck {
  fieldName: string;
  /** The person printed under the box. */
  personName: string;
  signerName: string | null;
  /** null when there is nothing to compare (an unsigned box). */
  matches: boolean | null;
  /** How it was decided: the person's RFC/CURP on record, or the printed name (a file with no record). */
  by: 'rfc' | 'curp' | 'nombre' | null;
  problem: string | null;
}

export interface VerificationReport {
  isSignedPdf: boolean;
  /** Every signature is 'valid' (intact, unmodified and trusted). */
  allValid: boolean;
  /** Every signature is intact and unmodified, trusted or not. */
  allIntact: boolean;
  signatures: SignatureCheck[];
  /** One row per signature box; a mismatch makes allValid false. */
  boxes?: BoxCheck[];
}

type Stamped = { document: DocumentSummary; strokes: { x: number[]; y: number[] }[] };

const Folio = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'El folio solo admite letras, números, guion y guion bajo (hasta 64).');
const SignerRole = z.string().trim().min(1, 'Indique el cargo de quien firma.').max(200);
const ApplicantName = z.string().trim().min(1, 'Indique el nombre de la persona solicitante.').max(160);

/** Documents: acknowledgements, actas and their signing, verification, printed copies, trust store. */
export const documentsCalls = {
  'documents.list': call<DocumentSummary[]>()(NoArgs),
  'documents.get': call<DocumentSummary>()(z.object({ id: Id }).strict()),
  'documents.pdf': call<{ fileName: string; base64: string }>()(z.object({ id: Id }).strict()),
  'documents.acknowledge': call<Stamped>()(
    z
      .object({
        signatureId: Id,
        pin: z.string().max(20),
        signerRole: SignerRole,
        folio: Folio,
        name: ApplicantName,
        concept: z.string().trim().min(1).max(300).optional(),
        date: IsoDate.optional(),
      })
      .strict(),
    true,
  ),
  'documents.acknowledgeFresh': call<Stamped>()(
    z
      .object({
        signerName: z.string().trim().min(1, 'Indique el nombre de quien firma.').max(160),
        capture: SignatureCapture,
        signerRole: SignerRole,
        folio: Folio,
        name: ApplicantName,
        date: IsoDate.optional(),
      })
      .strict(),
    true,
  ),
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
        /** The signer's rúbrica, stamped in the margin of every other page in the same revision as the signature. */
        rubrica: z.object({ signatureId: Id, pin: z.string().max(20) }).strict().optional(),
      })
      .strict(),
    true,
  ),
  'documents.refuse': call<DocumentSummary>()(
    z
      .object({
        id: Id,
        memberId: Id,
        reason: z.string().trim().min(1, 'Indique el motivo.').max(1000),
        /** The refuser proves who they are: their own handwritten signature's PIN, or their certificate. */
        proof: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('pin'), signatureId: Id, pin: z.string().max(20) }).strict(),
          z
            .object({
              kind: z.literal('certificate'),
              credentials: z.union([CredentialFiles, z.object({ kind: z.literal('stored'), certificateId: Id }).strict()]),
              password: z.string().min(1, 'Escriba la contraseña de su clave privada.').max(200),
            })
            .strict(),
        ]),
        confirm: z.literal(true, { message: 'Confirme que rechaza firmar.' }),
      })
      .strict(),
    true,
  ),
  'documents.verify': call<VerificationReport>()(z.object({ id: Id }).strict()),
  'documents.addTimestamp': call<DocumentSummary>()(z.object({ id: Id }).strict(), true),
  'documents.verifyPrint': call<PrintCheck>()(
    z.object({ payload: z.string().trim().min(1, 'Escriba o lea el contenido del código QR.').max(500), id: Id }).strict(),
  ),
  'trust.list': call<TrustRoot[]>()(NoArgs),
  'trust.add': call<TrustRoot>()(z.object({ certificate: Base64File }).strict(), true),
};
