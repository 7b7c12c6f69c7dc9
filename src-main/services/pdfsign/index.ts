/**
 * PAdES (ETSI.CAdES.detached) signatures appended as incremental updates, batch signing and
 * verification. See incremental.ts, batch.ts and verify.ts.
 */
export type { PdfSigner, SignOptions, SignatureAppearance } from './types.js';
export { signPdf, DEFAULT_PLACEHOLDER_SIZE } from './incremental.js';
export { signPdfAsync, addDocumentTimestamp, type AsyncSignOptions, type DocumentTimestampOptions } from './incremental.js';
export { signBatch, type BatchFile, type BatchOptions, type BatchProgress, type BatchResult } from './batch.js';
export { verifyPdf, type CertificateInfo, type SignatureReport, type VerifyResult } from './verify.js';
export type { DocumentTimestampReport } from './verify.js';
export type { TimestampInfo } from './cms-read.js';
export { buildSignedData } from './cms.js';
export { buildSignedDataAsync, type AsyncCmsOptions } from './cms.js';
