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

// Lower level, for the printed-copy seal (its own revision, its own checks) and for RFC 3161
// timestamps. Other modules reach pdfsign only through this file.
export { PdfReader, withPdfErrors, lastStartXref, LIMITS, type XrefSection } from './reader.js';
export { Update, finishUpdate } from './update.js';
export { PdfName, PdfRef, PdfStream, PdfString, serialize, decodeText, textString, isName, isDict, type PdfDict, type PdfValue } from './syntax.js';
export { chainsToRoot, parsePdfDate, type SignatureVerdict } from './verify.js';
export { classifyRevision, examineRevision, findingText, type RevisionChange, type RevisionFinding } from './revisions.js';
export { readSignedData, signatureVerifies, hashName, type SignerInfoData } from './cms-read.js';
export { OID } from './oids.js';
