/**
 * Printed-copy check: the cadena original, its sello and a QR code on a last page added when a
 * document is locked for signing, and the check that a printed copy matches the signed file.
 * See docs/printed-copy.md.
 */
export { sealPdf, sealCertificateInfo, SEAL_KEY, type SealResult, type SealSigner, type SealCertificateInfo } from './seal.js';
export { buildCadena, parseCadena, buildPayload, parsePayload, type SealMeta, type CadenaFields, type Payload } from './cadena.js';
export { verifyPrint, PRINT_CHECK_REASONS, type PrintCheckResult, type PrintCheckFailure } from './verify-print.js';
export { appendPage, lastPageBox, type NewPage } from './append-page.js';
export { sealCertificate } from './seal-certificate.js';
