import type { VerificationReport } from '../../../src-shared/contract/calls.js';
import { certificateInfo } from '../certificates/info.js';
import type { VerifyResult } from '../pdfsign/verify.js';
import { matchBoxes, type ExpectedBox } from './box-match.js';

function holder(der: string | undefined) {
  if (!der) return null;
  try {
    return certificateInfo(Buffer.from(der, 'base64'));
  } catch {
    return null;
  }
}

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
    laterRevisions: s.laterRevisions,
    chainTrusted: s.chainTrusted,
    hasSigningCertificateV2: s.hasSigningCertificateV2,
    problems: s.problems,
    };
  });
  // A signature in someone else's box is an error even when the cryptography is sound.
  const boxes = matchBoxes(result.signatures, expectedBoxes);
  return {
    isSignedPdf: result.isSignedPdf,
    allValid: result.isSignedPdf && signatures.every((s) => s.integrity && !s.modifiedAfter) && boxes.every((b) => b.matches !== false),
    signatures,
    boxes,
  };
}
