import { z } from 'zod';
import { Id, IsoDate, Pin, SignatureCapture, SignatureUse } from '../domain/index.js';
import { call, NoArgs } from './spec.js';

export interface SignatureSummary {
  id: string;
  personName: string;
  memberId?: string;
  personId?: string;
  source: 'captura' | 'importacion';
  use: SignatureUse;
  createdAt: string;
  strokeCount: number;
  pointCount: number;
  status: 'activa' | 'bloqueada' | 'revocada';
  useCount: number;
  lastUsedAt?: string;
  /** Stored by an earlier version (PIN hash, strokes under the data key): unusable until the owner sets a new PIN. */
  needsNewPin?: boolean;
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

const JobId = z.string().regex(/^[0-9A-Z]{26}$/);

/** Handwritten signatures kept in the vault, and batch stamping of acknowledgements with them. */
export const signaturesCalls = {
  'signatures.list': call<SignatureSummary[]>()(NoArgs),
  'signatures.enroll': call<SignatureSummary>()(
    z
      .object({
        /** Chosen from the people, never typed: only this person's boxes accept the signature. */
        personId: Id,
        pin: Pin,
        capture: SignatureCapture,
        /** A rúbrica is enrolled apart from the signature; a new one is added, never written over the old. */
        use: SignatureUse.default('firma'),
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
  /** An administrator unlocks a signature locked after too many wrong PINs, with a reason (audited). */
  'signatures.unlock': call<SignatureSummary>()(
    z.object({ id: Id, reason: z.string().trim().min(5, 'Explique el motivo del desbloqueo (al menos 5 caracteres).').max(500) }).strict(),
    true,
  ),
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
  'batch.status': call<BatchStatus>()(z.object({ jobId: JobId }).strict()),
  'batch.cancel': call<BatchStatus>()(z.object({ jobId: JobId }).strict()),
};
