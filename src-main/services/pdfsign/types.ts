/**
 * What the PDF signer needs from a certificate holder. The certificate service (SAT e.firma
 * .cer/.key, PKCS#12) produces objects of this shape; the private key never reaches this module.
 */
export interface PdfSigner {
  /** Signer certificate, DER. */
  certificate: Buffer;
  /** Issuer certificates, DER, signer's issuer first; may be empty. */
  chain: Buffer[];
  /**
   * RSA-SHA256 PKCS#1 v1.5 signature over `data` (the DER of the CMS signed attributes).
   * Called once per document; must be fast (Node crypto, not forge).
   */
  sign(data: Buffer): Buffer;
}

/** Optional visible appearance of the signature widget. */
export interface SignatureAppearance {
  /** Content stream operators drawn in the widget's box (origin at its lower-left corner). */
  stream: Buffer;
  /** Resources dictionary in PDF syntax, e.g. `<</Font <</F1 12 0 R>>>>`. */
  resources?: string;
}

export interface SignOptions {
  reason?: string;
  location?: string;
  name?: string;
  contactInfo?: string;
  /** Claimed signing time, written to /M. Defaults to now. */
  signingTime?: Date;
  /** Also put the time into a CMS signing-time attribute (PAdES B-B relies on /M only). */
  signingTimeAttribute?: boolean;
  /** Unique field name; defaults to `Firma<n>`. */
  fieldName?: string;
  /** Widget on `page` (0-based) at `rect` in user space; invisible on the first page if absent. */
  visible?: { page: number; rect: [number, number, number, number] };
  appearance?: SignatureAppearance;
  /**
   * More widgets of the same signature field, each drawing on its own page (the signer's
   * rúbrica in the margin of every page). Being part of the signed field, they are written in
   * the signature's own revision and covered by it; later revisions may add such widgets too,
   * since each belongs to a signature that is checked on its own.
   */
  marks?: { page: number; rect: [number, number, number, number]; appearance: SignatureAppearance }[];
  /** Bytes reserved for the CMS; default 16,384 (chain plus an RFC 3161 token). */
  placeholderSize?: number;
  /**
   * RFC 3161 token over the signature value (or a function returning it), stored as the
   * unsigned attribute id-aa-signatureTimeStampToken.
   */
  timestamp?: Buffer | ((signatureValue: Buffer) => Buffer);
}
