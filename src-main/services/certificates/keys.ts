import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';
import { certificateError } from './errors.js';
import type { CertificateInfo } from './info.js';

/** A certificate with its private key, ready to build a Signer. */
export interface Credentials {
  /** DER of the holder's certificate. */
  certificate: Buffer;
  /** DER of the issuer certificates, nearest first; empty for a SAT .cer. */
  chain: Buffer[];
  privateKey: KeyObject;
  info: CertificateInfo;
}

/** Signatures are RSA-SHA256 PKCS#1 v1.5, the algorithm of the SAT e.firma. */
export function assertRsaKey(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'rsa') throw certificateError('unsupportedKeyType');
}

/** A key belongs to a certificate when their public keys are the same. */
export function keyMatchesCertificate(privateKey: KeyObject, certificate: Buffer): boolean {
  const fromKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const fromCert = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  return fromKey.equals(fromCert);
}

export function assertKeyMatchesCertificate(privateKey: KeyObject, certificate: Buffer): void {
  if (!keyMatchesCertificate(privateKey, certificate)) throw certificateError('keyMismatch');
}
