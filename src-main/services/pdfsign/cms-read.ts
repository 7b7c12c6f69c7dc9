/**
 * Reading and checking CMS SignedData: the PDF signature itself and RFC 3161 timestamp tokens
 * (which are SignedData over a TSTInfo). Cryptography is Node's; this module only walks DER.
 */
import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { issuerAndSerial } from './cms.js';
import { child, children, content, oidString, readNode, readTime, whole, type Node } from '../certificates/der.js';
import { HASH_BY_OID, OID } from './oids.js';

export interface SignerInfoData {
  certificates: Buffer[];
  signerCertificate: Buffer | null;
  eContentType: string;
  /** Encapsulated content (timestamp tokens); null when detached. */
  eContent: Buffer | null;
  digestAlgorithm: string;
  /** Signed attributes re-tagged as SET OF, i.e. the bytes the signature covers. */
  signedAttributes: Buffer | null;
  messageDigest: Buffer | null;
  contentType: string | null;
  signingTime: Date | null;
  /** certHash values of signing-certificate-v2 (with their hash algorithm), null when absent. */
  essCertIds: { hashAlgorithm: string; hash: Buffer }[] | null;
  signatureAlgorithm: string;
  signatureParams: Node | null;
  signature: Buffer;
  timestampToken: Buffer | null;
  source: Buffer;
}

function algorithmOid(buf: Buffer, node: Node): string {
  return oidString(buf, child(buf, node, 0, 'algorithm'));
}

/** Content octets of an OCTET STRING, concatenating BER constructed segments. */
function octets(buf: Buffer, node: Node): Buffer {
  if (node.tag === 0x04) return content(buf, node);
  if (node.tag === 0x24) return Buffer.concat(children(buf, node).map((c) => octets(buf, c)));
  throw new Error('expected an OCTET STRING');
}

function readAttributes(buf: Buffer, node: Node): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  for (const attr of children(buf, node)) {
    const [type, values] = children(buf, attr);
    if (!type || !values) continue;
    out.set(oidString(buf, type), children(buf, values));
  }
  return out;
}

function readEssCertIds(buf: Buffer, value: Node): { hashAlgorithm: string; hash: Buffer }[] {
  const certs = child(buf, value, 0, 'certs');
  return children(buf, certs).map((id) => {
    const parts = children(buf, id);
    const first = parts[0];
    if (!first) throw new Error('empty ESSCertIDv2');
    // hashAlgorithm is optional with DEFAULT sha256.
    if (first.tag === 0x30) {
      const hash = parts[1];
      if (!hash) throw new Error('ESSCertIDv2 without certHash');
      return { hashAlgorithm: algorithmOid(buf, first), hash: octets(buf, hash) };
    }
    return { hashAlgorithm: OID.sha256, hash: octets(buf, first) };
  });
}

/** Parses ContentInfo(SignedData) with one SignerInfo (the first is used if there are more). */
export function readSignedData(der: Buffer): SignerInfoData {
  const info = readNode(der, 0);
  const [typeNode, explicit] = children(der, info);
  if (!typeNode || !explicit || oidString(der, typeNode) !== OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = child(der, explicit, 0, 'SignedData');
  const parts = children(der, signedData);
  const encap = parts[2];
  if (!encap) throw new Error('missing encapContentInfo');
  const encapParts = children(der, encap);
  const eContentType = oidString(der, encapParts[0] as Node);
  const eContentWrapper = encapParts[1];
  const eContent = eContentWrapper ? octets(der, child(der, eContentWrapper, 0, 'eContent')) : null;

  const certificates: Buffer[] = [];
  let signerInfos: Node | undefined;
  for (const node of parts.slice(3)) {
    if (node.tag === 0xa0) for (const cert of children(der, node)) if (cert.tag === 0x30) certificates.push(Buffer.from(whole(der, cert)));
    if (node.tag === 0x31) signerInfos = node;
  }
  if (!signerInfos) throw new Error('missing signerInfos');
  const si = child(der, signerInfos, 0, 'SignerInfo');
  const siParts = children(der, si);
  let i = 1;
  const sid = siParts[i++] as Node;
  const digestAlgorithm = algorithmOid(der, siParts[i++] as Node);
  let signedAttributes: Buffer | null = null;
  let attrs = new Map<string, Node[]>();
  if (siParts[i]?.tag === 0xa0) {
    const node = siParts[i++] as Node;
    signedAttributes = Buffer.from(whole(der, node));
    signedAttributes[0] = 0x31;
    attrs = readAttributes(der, node);
  }
  const sigAlgNode = siParts[i++] as Node;
  const signatureAlgorithm = algorithmOid(der, sigAlgNode);
  const signatureParams = children(der, sigAlgNode)[1] ?? null;
  const signature = Buffer.from(octets(der, siParts[i++] as Node));
  let timestampToken: Buffer | null = null;
  if (siParts[i]?.tag === 0xa1) {
    const token = readAttributes(der, siParts[i] as Node).get(OID.signatureTimeStampToken)?.[0];
    if (token) timestampToken = Buffer.from(whole(der, token));
  }

  let signerCertificate: Buffer | null = null;
  if (sid.tag === 0x30) {
    const [issuer, serial] = children(der, sid);
    if (issuer && serial) {
      const wantIssuer = whole(der, issuer);
      const wantSerial = whole(der, serial);
      signerCertificate =
        certificates.find((cert) => {
          const ids = issuerAndSerial(cert);
          return ids.issuer.equals(wantIssuer) && ids.serial.equals(wantSerial);
        }) ?? null;
    }
  }

  const digestNode = attrs.get(OID.messageDigest)?.[0];
  const typeAttr = attrs.get(OID.contentType)?.[0];
  const timeAttr = attrs.get(OID.signingTime)?.[0];
  const essAttr = attrs.get(OID.signingCertificateV2)?.[0];
  const data: SignerInfoData = {
    certificates,
    signerCertificate,
    eContentType,
    eContent,
    digestAlgorithm,
    signedAttributes,
    messageDigest: digestNode ? Buffer.from(octets(der, digestNode)) : null,
    contentType: typeAttr ? oidString(der, typeAttr) : null,
    signingTime: timeAttr ? readTime(der, timeAttr) : null,
    essCertIds: essAttr ? readEssCertIds(der, essAttr) : null,
    signatureAlgorithm,
    signatureParams,
    signature,
    timestampToken,
    source: der,
  };
  // SubjectKeyIdentifier sids: take the certificate whose key verifies the signature.
  if (!data.signerCertificate && sid.tag !== 0x30) data.signerCertificate = certificates.find((c) => signatureVerifies(data, c)) ?? null;
  return data;
}

export function hashName(oid: string): string | undefined {
  return HASH_BY_OID[oid];
}

/** Checks the signature over the signed attributes with `certificate`'s public key. */
export function signatureVerifies(data: SignerInfoData, certificate: Buffer): boolean {
  const hash = hashName(data.digestAlgorithm);
  if (!hash || !data.signedAttributes) return false;
  try {
    const publicKey = new X509Certificate(certificate).publicKey;
    const pss = data.signatureAlgorithm === '1.2.840.113549.1.1.10';
    return verify(
      hash,
      data.signedAttributes,
      pss ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : publicKey,
      data.signature,
    );
  } catch {
    return false;
  }
}

/** Whether signing-certificate-v2 names `certificate` (hash comparison, RFC 5035). */
export function essCertMatches(data: SignerInfoData, certificate: Buffer): boolean {
  const first = data.essCertIds?.[0];
  if (!first) return false;
  const hash = hashName(first.hashAlgorithm);
  return hash !== undefined && createHash(hash).update(certificate).digest().equals(first.hash);
}

export interface TimestampInfo {
  time: string;
  /** The token's message imprint is the hash of this signature's value. */
  imprintMatches: boolean;
  /** The token's own CMS signature and content digest check out. */
  signatureValid: boolean;
  tsaName: string | null;
}

/** Reads an RFC 3161 token stamped over `signatureValue`. */
export function readTimestamp(token: Buffer, signatureValue: Buffer): TimestampInfo {
  return readTimestampOver(token, [signatureValue]);
}

/**
 * Reads an RFC 3161 token stamped over the concatenation of `parts` (a signature value, or the
 * /ByteRange of a document timestamp).
 */
export function readTimestampOver(token: Buffer, parts: Buffer[]): TimestampInfo {
  const data = readSignedData(token);
  if (data.eContentType !== OID.tstInfo || !data.eContent) throw new Error('token without TSTInfo');
  const tst = data.eContent;
  const fields = children(tst, readNode(tst, 0));
  const imprint = fields[2] as Node;
  const imprintHash = hashName(algorithmOid(tst, child(tst, imprint, 0, 'hashAlgorithm')));
  const imprintValue = octets(tst, child(tst, imprint, 1, 'hashedMessage'));
  const genTime = readTime(tst, fields[4] as Node);
  const contentHash = hashName(data.digestAlgorithm);
  const signatureValid =
    data.signerCertificate !== null &&
    contentHash !== undefined &&
    data.messageDigest !== null &&
    createHash(contentHash).update(tst).digest().equals(data.messageDigest) &&
    signatureVerifies(data, data.signerCertificate);
  let tsaName: string | null = null;
  if (data.signerCertificate) tsaName = commonName(new X509Certificate(data.signerCertificate).subject);
  return {
    time: genTime.toISOString(),
    imprintMatches: imprintHash !== undefined && parts.reduce((h, part) => h.update(part), createHash(imprintHash)).digest().equals(imprintValue),
    signatureValid,
    tsaName,
  };
}

/** CN out of Node's multi-line distinguished name. */
export function commonName(dn: string): string | null {
  for (const line of dn.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return null;
}
