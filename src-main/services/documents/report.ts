import type { VerificationReport } from '../../../src-shared/contract/calls.js';
import { certificateInfo } from '../certificates/info.js';
import type { VerifyResult } from '../pdfsign/index.js';
import { matchBoxes, type ExpectedBox } from './box-match.js';

function holder(der: string | undefined) {
  if (!der) return null;
  try {
    return certificateInfo(Buffer.from(der, 'base64'));
  } catch {
    return null;
  }
}

/** Spanish verdict for each signature, as the screen shows it. */
export const VERDICT_LABELS: Record<VerificationReport['signatures'][number]['verdict'], string> = {
  valid: 'Válida',
  untrusted: 'Íntegra, pero de un emisor no confiable',
  modified: 'Modificado después de firmar',
  invalid: 'Inválida',
};

/** The verification result as the screen and `sesiona verify --json` show it. */
export function verificationReport(result: VerifyResult, expectedBoxes?: ExpectedBox[]): VerificationReport {
  const signatures = result.signatures.map((s) => {
    const cert = holder(s.signerCertificate?.der);
    return {
      fieldName: s.fieldName,
      signerName: s.signerName,
      rfc: cert?.rfc ?? null,
      certificateNumber: cert?.certificateNumber ?? null,
      signingTime: s.signingTime,
      timestamp: s.timestamp ? { time: s.timestamp.time } : null,
      integrity: s.integrity,
      modifiedAfter: s.modifiedAfter,
      modifications: s.modifications,
      laterRevisions: s.laterRevisions,
      chainTrusted: s.chainTrusted,
      certificateValidAtSigningTime: s.certificateValidAtSigningTime,
      hasSigningCertificateV2: s.hasSigningCertificateV2,
      verdict: s.verdict,
      problems: s.problems,
    };
  });
  // Document timestamps have no row of their own but count towards the overall verdict.
  const verdicts = [...signatures.map((s) => s.verdict), ...(result.documentTimestamps ?? []).map((t) => t.verdict)];
  const some = verdicts.length > 0;
  // A signature in someone else's box is an error even when the cryptography is sound.
  const boxes = matchBoxes(result.signatures, expectedBoxes);
  const boxesMatch = boxes.every((b) => b.matches !== false);
  return {
    isSignedPdf: result.isSignedPdf,
    allValid: result.isSignedPdf && some && verdicts.every((v) => v === 'valid') && boxesMatch,
    allIntact: result.isSignedPdf && some && verdicts.every((v) => v === 'valid' || v === 'untrusted') && boxesMatch,
    signatures,
    // Only files with signature boxes (actas) carry the rows.
    ...(boxes.length ? { boxes } : {}),
  };
}
