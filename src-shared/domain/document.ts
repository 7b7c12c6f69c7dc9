import { z } from 'zod';
import { RecordMeta } from './common.js';

export const DocumentKind = z.enum(['acuse', 'acta', 'convocatoria', 'informe', 'programa', 'importado', 'lineamiento']);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const DocumentSigner = z.object({
  memberId: z.string(),
  name: z.string().min(1),
  role: z.string().min(1),
  /** Box on the hoja de firmas: 0-based page and [x1, y1, x2, y2] in PDF points. */
  page: z.number().int().min(0),
  rect: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  status: z.enum(['pendiente', 'firmado', 'rechazado']),
  signedAt: z.string().optional(),
  certificateNumber: z.string().optional(),
  rfc: z.string().optional(),
  refusal: z.string().optional(),
  /** Whether the signature carries an RFC 3161 timestamp. */
  timestamped: z.boolean().optional(),
  /** Why the signature has no timestamp although a TSA is configured (it failed; signing went on). */
  timestampProblem: z.string().max(1000).optional(),
  /** The person who filled the box (signed or refused): one id on every laptop and on the server. */
  personId: z.string().optional(),
  /** The version (pdf sha256) the signature was appended to: a signature made on another version does not count. */
  signedOver: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type DocumentSigner = z.infer<typeof DocumentSigner>;

/** A generated or imported PDF. The bytes live in blobs/<sha256>; versions replace `pdf`. */
export const DocumentRecord = RecordMeta.extend({
  kind: DocumentKind,
  title: z.string().min(1).max(500),
  fileName: z.string().regex(/^[^/\\]{1,200}\.pdf$/),
  createdAt: z.string(),
  pdf: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
  /** Handwritten signatures placed on it (vault record ids). */
  inkFrom: z.array(z.string()).default([]),
  status: z.enum(['borrador', 'bloqueado', 'firmado']),
  sessionId: z.string().optional(),
  /** For documents of a commission but of no session (informes, programas): whose members sign. */
  commissionId: z.string().optional(),
  /** Signing order: the first pending one signs next. */
  signers: z.array(DocumentSigner).default([]),
  lockedAt: z.string().optional(),
  /** QR payload printed on the seal page (cadena original, sello) added at lock time. */
  sealPayload: z.string().optional(),
  /** Document timestamps added after signing (offline signatures), ISO times. */
  documentTimestamps: z.array(z.string()).default([]),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

/**
 * A signature (or refusal) made on this laptop for a box another laptop filled first: the server
 * kept the first one, so this one does not count. Nothing is discarded: the signed version stays
 * in blobs/ (`pdf`) and this record says who signed first and when.
 */
export const SignatureConflict = RecordMeta.extend({
  documentId: z.string(),
  documentTitle: z.string(),
  memberId: z.string(),
  /** The box's name as printed. */
  boxName: z.string(),
  /** The attempt that does not count: its box entry and the version it produced. */
  attempt: DocumentSigner,
  pdf: z.string().regex(/^[0-9a-f]{64}$/),
  /** The signature that counts: when it was made, and the account and time it reached the server. */
  winner: z.object({ status: z.enum(['firmado', 'rechazado', 'pendiente']), signedAt: z.string().optional(), account: z.string(), receivedAt: z.string() }),
  /** The server refused the signature for this reason (Spanish) rather than because another filled the box first. */
  reason: z.string().max(2000).optional(),
  at: z.string(),
});
export type SignatureConflict = z.infer<typeof SignatureConflict>;

/** A certificate the user trusts as a root when verifying signatures. */
export const TrustRoot = RecordMeta.extend({
  name: z.string().min(1),
  fingerprint: z.string(),
  /** sha256 of the DER certificate in blobs/. */
  certificate: z.string().regex(/^[0-9a-f]{64}$/),
  notAfter: z.string(),
  addedAt: z.string(),
});
export type TrustRoot = z.infer<typeof TrustRoot>;

export const CertificateInfoSchema = z.object({
  subjectName: z.string(),
  subject: z.string(),
  rfc: z.string().nullable(),
  curp: z.string().nullable(),
  email: z.string().nullable(),
  certificateNumber: z.string(),
  serialNumber: z.string(),
  issuerName: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprintSha256: z.string(),
});

/**
 * An imported e.firma or PKCS#12. The certificate is a blob; the private key file, when the
 * holder chose to keep it, is stored still password-protected AND sealed with the data key.
 * The password itself is never stored.
 */
export const StoredCertificate = RecordMeta.extend({
  kind: z.enum(['sat', 'p12']),
  info: CertificateInfoSchema,
  certificate: z.string().regex(/^[0-9a-f]{64}$/),
  /** sha256 of the sealed key file (.key or .p12) in blobs/, when kept. */
  sealedKey: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  importedAt: z.string(),
});
export type StoredCertificate = z.infer<typeof StoredCertificate>;

/** Settings of this installation (one record). */
export const Settings = RecordMeta.extend({
  /** RFC 3161 time-stamping service; '' when none is configured. */
  tsaUrl: z.union([z.literal(''), z.string().url().regex(/^https?:\/\//, 'La dirección debe comenzar con http:// o https://')]),
  /** The office's document seal: certificate and sealed PKCS#8 key, both in blobs/. */
  seal: z.object({ certificate: z.string().regex(/^[0-9a-f]{64}$/), sealedKey: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});
export type Settings = z.infer<typeof Settings>;
