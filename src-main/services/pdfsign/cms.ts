/**
 * CMS SignedData (RFC 5652), detached, SHA-256, as PAdES baseline B-B wants it: signed
 * attributes contentType, messageDigest, signing-certificate-v2 (RFC 5035) and optionally
 * signingTime; unsigned attribute slot for an RFC 3161 signature timestamp.
 *
 * Everything that depends only on the signer (certificates, issuer/serial, ESS attribute) is
 * encoded once per signer and cached, so a document costs one small concatenation and one
 * call to `signer.sign`.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors.js';
import { child, DerError, integer, nullValue, octetString, oid, readNode, sequence, set, setOf, time, tlv, whole } from '../certificates/der.js';
import { OID } from './oids.js';
import type { PdfSigner } from './types.js';

export interface CmsOptions {
  /** Adds the signingTime signed attribute. */
  signingTime?: Date;
  timestamp?: Buffer | ((signatureValue: Buffer) => Buffer);
}

interface SignerParts {
  certificate: Buffer;
  chain: Buffer[];
  certificates: Buffer;
  issuerAndSerial: Buffer;
  fixedAttributes: Buffer[];
}

const SHA256_ALGORITHM = sequence(oid(OID.sha256));
const DIGEST_ALGORITHMS = set(SHA256_ALGORITHM);
const SIGNATURE_ALGORITHM = sequence(oid(OID.rsaEncryption), nullValue);
const VERSION_1 = integer(1);
const ENCAP_CONTENT_INFO = sequence(oid(OID.data));

const cache = new WeakMap<PdfSigner, SignerParts>();

/** The issuer Name and serialNumber INTEGER of a certificate, as encoded in it. */
export function issuerAndSerial(certificate: Buffer): { issuer: Buffer; serial: Buffer } {
  try {
    const cert = readNode(certificate, 0);
    const tbs = child(certificate, cert, 0, 'tbsCertificate');
    const hasVersion = readNode(certificate, tbs.contentStart).tag === 0xa0;
    const base = hasVersion ? 1 : 0;
    return {
      serial: whole(certificate, child(certificate, tbs, base, 'serialNumber')),
      issuer: whole(certificate, child(certificate, tbs, base + 2, 'issuer')),
    };
  } catch (err) {
    if (err instanceof DerError) throw new AppError('INVALID_ARGUMENT', 'El certificado del firmante no es un certificado X.509 válido.');
    throw err;
  }
}

function attribute(type: string, value: Buffer): Buffer {
  return sequence(oid(type), set(value));
}

function signerParts(signer: PdfSigner): SignerParts {
  const cached = cache.get(signer);
  if (cached && cached.certificate === signer.certificate && cached.chain === signer.chain) return cached;

  const { issuer, serial } = issuerAndSerial(signer.certificate);
  const issuerSerial = sequence(sequence(tlv(0xa4, issuer)), serial);
  // hashAlgorithm omitted: its DEFAULT is sha256 (RFC 5035), and DER forbids encoding defaults.
  const essCertId = sequence(octetString(createHash('sha256').update(signer.certificate).digest()), issuerSerial);
  const parts: SignerParts = {
    certificate: signer.certificate,
    chain: signer.chain,
    certificates: tlv(0xa0, signer.certificate, ...signer.chain),
    issuerAndSerial: sequence(issuer, serial),
    fixedAttributes: [attribute(OID.contentType, oid(OID.data)), attribute(OID.signingCertificateV2, sequence(sequence(essCertId)))],
  };
  cache.set(signer, parts);
  return parts;
}

interface SignedCore {
  parts: SignerParts;
  signedAttributes: Buffer;
  signature: Buffer;
}

function signCore(digest: Buffer, signer: PdfSigner, signingTime: Date | undefined): SignedCore {
  const parts = signerParts(signer);
  const attributes = [...parts.fixedAttributes, attribute(OID.messageDigest, octetString(digest))];
  if (signingTime) attributes.push(attribute(OID.signingTime, time(signingTime)));
  const signedAttributes = setOf(attributes);

  const signature = signer.sign(signedAttributes);
  if (!Buffer.isBuffer(signature) || signature.length === 0) {
    throw new AppError('INTERNAL', 'El firmante no devolvió una firma.');
  }
  return { parts, signedAttributes, signature };
}

function assemble({ parts, signedAttributes, signature }: SignedCore, token: Buffer | undefined): Buffer {
  const signerInfo: Buffer[] = [
    VERSION_1,
    parts.issuerAndSerial,
    SHA256_ALGORITHM,
    // Same bytes that were signed, re-tagged as [0] IMPLICIT.
    Buffer.concat([Buffer.from([0xa0]), signedAttributes.subarray(1)]),
    SIGNATURE_ALGORITHM,
    octetString(signature),
  ];
  if (token !== undefined) {
    if (!Buffer.isBuffer(token) || token.length < 2 || token[0] !== 0x30) {
      throw new AppError('INVALID_ARGUMENT', 'El sello de tiempo no tiene el formato esperado (RFC 3161).');
    }
    signerInfo.push(tlv(0xa1, attribute(OID.signatureTimeStampToken, token)));
  }

  const signedData = sequence(
    VERSION_1,
    DIGEST_ALGORITHMS,
    ENCAP_CONTENT_INFO,
    parts.certificates,
    set(sequence(...signerInfo)),
  );
  return sequence(oid(OID.signedData), tlv(0xa0, signedData));
}

/** DER ContentInfo(SignedData) over content whose SHA-256 is `digest`. */
export function buildSignedData(digest: Buffer, signer: PdfSigner, opts: CmsOptions = {}): Buffer {
  const core = signCore(digest, signer, opts.signingTime);
  let token: Buffer | undefined;
  if (opts.timestamp) token = typeof opts.timestamp === 'function' ? opts.timestamp(core.signature) : opts.timestamp;
  return assemble(core, token);
}

export interface AsyncCmsOptions {
  signingTime?: Date;
  /** Fetches an RFC 3161 token over the signature value (e.g. from a TSA over the network). */
  timestamp?: Buffer | ((signatureValue: Buffer) => Buffer | Promise<Buffer>);
}

/** Like `buildSignedData`, but the timestamp may come from an asynchronous source. */
export async function buildSignedDataAsync(digest: Buffer, signer: PdfSigner, opts: AsyncCmsOptions = {}): Promise<Buffer> {
  const core = signCore(digest, signer, opts.signingTime);
  let token: Buffer | undefined;
  if (opts.timestamp) token = typeof opts.timestamp === 'function' ? await opts.timestamp(core.signature) : opts.timestamp;
  return assemble(core, token);
}
