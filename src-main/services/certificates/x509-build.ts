/**
 * Building X.509 certificates: forge lays out the ASN.1, Node's crypto does the RSA operation.
 * Used by the test CA and by the office's document-seal certificate.
 */
import { randomInt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { forgeCertificate, forgeKeyAdapter } from './signer.js';

export interface CertificateSpec {
  subject: forge.pki.CertificateField[];
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
  /** DER of the issuing CA; null for a self-signed certificate. */
  issuer: Buffer | null;
  signingKey: KeyObject;
}

export function buildCertificate(spec: CertificateSpec): Buffer {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = satSerial();
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(spec.subject);
  const extensions = [...spec.extensions];
  if (spec.issuer) {
    const issuer = forgeCertificate(spec.issuer);
    cert.setIssuer(issuer.subject.attributes);
    extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier: issuer.generateSubjectKeyIdentifier().getBytes() });
  } else {
    cert.setIssuer(spec.subject);
  }
  cert.setExtensions(extensions);
  // forge builds the ASN.1; the RSA operation runs in Node's crypto.
  cert.sign(forgeKeyAdapter(spec.signingKey) as unknown as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

/** Like SAT: the serial number is 20 decimal digits written as ASCII bytes, in hex. */
function satSerial(): string {
  let digits = '';
  for (let i = 0; i < 20; i++) digits += String(randomInt(10));
  return Buffer.from(digits, 'latin1').toString('hex');
}

/** UTF8String: names carry accents and Ñ, and an RFC may carry Ñ or &, none of them PrintableString. */
export function utf8(type: string, value: string): forge.pki.CertificateField {
  return field(type, value, forge.asn1.Type.UTF8);
}

export function field(type: string, value: string, tag: forge.asn1.Type): forge.pki.CertificateField {
  // @types/node-forge types valueTagClass as an ASN.1 class; forge reads it as the string type.
  return { type, value, valueTagClass: tag } as unknown as forge.pki.CertificateField;
}
