import { constants, privateEncrypt, sign as nodeSign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateInfo } from './info.js';
import { assertRsaKey, type Credentials } from './keys.js';

/** What the PDF signing module needs: the certificates and a way to sign, never the key itself. */
export interface Signer {
  /** DER of the signing certificate. */
  certificate: Buffer;
  /** DER of the issuer certificates, nearest first; may be empty. */
  chain: Buffer[];
  info: CertificateInfo;
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data`. */
  sign(data: Buffer): Buffer;
  /** The same key for forge's PKCS#7 signer, signing natively. */
  forgeKey: ForgeSigningKey;
}

/**
 * The part of forge's RSA private key that forge's signers (pkcs7, x509) call. forge's typings
 * want a full `pki.rsa.PrivateKey`: cast with `as unknown as forge.pki.rsa.PrivateKey`.
 */
export interface ForgeSigningKey {
  sign(md: { algorithm: string; digest(): { getBytes(): string } }, scheme?: unknown): string;
}

export function createSigner(credentials: Credentials): Signer {
  const { certificate, chain, info, privateKey } = credentials;
  assertRsaKey(privateKey);
  return {
    certificate,
    chain,
    info,
    sign: (data) => nodeSign('sha256', data, privateKey),
    forgeKey: forgeKeyAdapter(privateKey),
  };
}

/** DER prefixes of DigestInfo { AlgorithmIdentifier(hash, NULL), OCTET STRING(digest) } (RFC 8017, 9.2). */
const DIGEST_INFO_PREFIX: Record<string, Buffer> = {
  sha1: Buffer.from('3021300906052b0e03021a05000414', 'hex'),
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

/**
 * forge signs at ~35 signatures/s, Node's crypto at ~3,000/s. forge's signers call
 * `key.sign(md)` with a finished digest, so pad its DigestInfo and apply the raw private-key
 * operation: PKCS#1 type-1 padding of a DigestInfo is exactly RSASSA-PKCS1-v1_5.
 */
export function forgeKeyAdapter(privateKey: KeyObject): ForgeSigningKey {
  assertRsaKey(privateKey);
  return {
    sign(md, scheme) {
      if (scheme !== undefined && scheme !== null && String(scheme).toUpperCase() !== 'RSASSA-PKCS1-V1_5') {
        throw new Error('Only RSASSA-PKCS1-v1_5 signatures are supported');
      }
      const prefix = DIGEST_INFO_PREFIX[md.algorithm];
      if (!prefix) throw new Error(`Unsupported digest algorithm: ${md.algorithm}`);
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const signature = privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([prefix, digest]));
      return signature.toString('binary');
    },
  };
}

/**
 * A certificate parsed by forge whose names forge can write back unchanged. forge's parser
 * keeps UTF8String values as raw UTF-8 bytes but encodes them again when it writes a name
 * (a certificate's issuer, PKCS#7's issuerAndSerialNumber), so "PEÑA" would come out
 * double-encoded and verifiers would not find the signer's certificate.
 * (Multi-valued RDNs still come out flattened: neither SAT nor the test CA uses them.)
 */
export function forgeCertificate(der: Buffer): forge.pki.Certificate {
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
  for (const attr of [...cert.subject.attributes, ...cert.issuer.attributes]) {
    if ((attr.valueTagClass as unknown) === forge.asn1.Type.UTF8 && typeof attr.value === 'string') {
      attr.value = forge.util.decodeUtf8(attr.value);
    }
  }
  return cert;
}
