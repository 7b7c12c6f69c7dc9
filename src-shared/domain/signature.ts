import { z } from 'zod';
import { Id, RecordMeta } from './common.js';

const Coord = z.number().finite().min(-100_000).max(100_000);

/** One sample as signature_pad records it; base30 keeps only x and y, so we keep the rest here. */
export const RawPoint = z.object({
  x: Coord,
  y: Coord,
  time: z.number().finite().min(0),
  pressure: z.number().finite().min(0).max(1),
});

export const RawStroke = z.object({
  points: z.array(RawPoint).min(1).max(5000),
  pointerType: z.enum(['pen', 'touch', 'mouse']).optional(),
  penColor: z.string().max(40).optional(),
  minWidth: z.number().positive().max(50).optional(),
  maxWidth: z.number().positive().max(50).optional(),
});
export type RawStroke = z.infer<typeof RawStroke>;

/** A capture: strokes plus the canvas they were drawn on (neither base30 nor signature_pad keeps it). */
export const SignatureCapture = z.object({
  strokes: z
    .array(RawStroke)
    .min(1, 'La firma está vacía: trace su firma antes de guardarla.')
    .max(300, 'La firma tiene demasiados trazos.')
    .refine((s) => s.reduce((n, st) => n + st.points.length, 0) <= 60_000, 'La firma tiene demasiados puntos.'),
  canvas: z.object({
    width: z.number().positive().max(20_000),
    height: z.number().positive().max(20_000),
    pixelRatio: z.number().positive().max(10),
  }),
});
export type SignatureCapture = z.infer<typeof SignatureCapture>;

/** Strokes in jSignature's shape, what base30 encodes and what is drawn on paper. */
export type VectorStrokes = { x: number[]; y: number[] }[];

/** At least 6 digits: with the slow PIN derivation a full offline search takes days (pin.ts). */
export const Pin = z
  .string()
  .regex(/^\d{6,12}$/, 'El PIN debe tener de 6 a 12 dígitos.');

export const SignatureStatus = z.enum(['activa', 'bloqueada', 'revocada']);

/** A full signature (the box on the hoja de firmas) or a rúbrica (initials in the margin of every page). */
export const SignatureUse = z.enum(['firma', 'rubrica']);
export type SignatureUse = z.infer<typeof SignatureUse>;

/** An enrolled handwritten signature. The strokes themselves live only encrypted, in blobs/. */
export const SignatureRecord = RecordMeta.extend({
  personName: z.string().min(1).max(200),
  /** Commission member this signature belongs to, when known. */
  memberId: Id.optional(),
  /** The person it was enrolled for; only this person's boxes accept it. Absent for legacy imports not yet assigned. */
  personId: Id.optional(),
  source: z.enum(['captura', 'importacion']),
  /** Absent in records from before rúbricas: a full signature. */
  use: SignatureUse.optional(),
  createdAt: z.string(),
  strokeCount: z.number().int().min(1),
  pointCount: z.number().int().min(1),
  /** sha256 of the AES-256-GCM sealed content in blobs/ (under the signature's own key once it has a keyBox). */
  sealed: z.string().regex(/^[0-9a-f]{64}$/),
  /** sha256 of the signature's key box in blobs/: its key wrapped under the data key and the PIN. */
  keyBox: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** Only in records from before the key box: a PIN hash, kept until the owner sets a new PIN. */
  pin: z.object({ salt: z.string(), hash: z.string() }).optional(),
  failedAttempts: z.number().int().min(0),
  status: SignatureStatus,
  useCount: z.number().int().min(0),
  lastUsedAt: z.string().optional(),
});
export type SignatureRecord = z.infer<typeof SignatureRecord>;
