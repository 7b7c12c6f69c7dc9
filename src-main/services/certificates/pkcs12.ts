import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import forge from 'node-forge';
import { certificateError } from './errors.js';
import { certificateInfo } from './info.js';
import { assertRsaKey, keyMatchesCertificate, type Credentials } from './keys.js';

const WRONG_PASSWORD = /Invalid password|wrong password|Failed to decrypt/;
const DECRYPT_FAILED = /Failed to decrypt|Unable to decrypt/;

/**
 * Loads a PKCS#12 (.p12/.pfx): the private key, the certificate that matches it and the
 * issuer certificates found in the file, ordered from the nearest issuer up.
 */
export function loadPkcs12(data: Buffer, password: string): Credentials {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = parsePfx(data.toString('binary'), password);
  } catch (e) {
    if (e instanceof Error && WRONG_PASSWORD.test(e.message)) throw certificateError('wrongPassword');
    throw certificateError('notPkcs12');
  }
  const keys: KeyObject[] = [];
  const certificates: Buffer[] = [];
  for (const contents of p12.safeContents) {
    for (const bag of contents.safeBags) {
      if (bag.type === forge.pki.oids.certBag) certificates.push(certificateDer(bag));
      else if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) keys.push(nodeKey(bag));
    }
  }
  const privateKey = keys[0];
  if (!privateKey) throw certificateError('pkcs12WithoutKey');
  assertRsaKey(privateKey);
  if (certificates.length === 0) throw certificateError('pkcs12WithoutCertificate');
  const certificate = certificates.find((der) => keyMatchesCertificate(privateKey, der));
  if (!certificate) throw certificateError('keyMismatch');
  return { certificate, chain: issuerChain(certificate, certificates), privateKey, info: certificateInfo(certificate) };
}

export async function readPkcs12File(path: string, password: string): Promise<Credentials> {
  return loadPkcs12(await readFile(path), password);
}

function parsePfx(der: string, password: string): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), password);
  } catch (e) {
    // OpenSSL 3 keys the MAC with the password as UTF-16 but PBES2 with its UTF-8 bytes; forge
    // uses the JS string for both, so "contraseña" passes the MAC and then fails to decrypt.
    // Retry with UTF-8 bytes, leaving out the MAC that the first attempt already verified.
    if (!(e instanceof Error) || !DECRYPT_FAILED.test(e.message) || Buffer.byteLength(password) === password.length) throw e;
    const pfx = forge.asn1.fromDer(der);
    (pfx.value as forge.asn1.Asn1[]).splice(2);
    return forge.pkcs12.pkcs12FromAsn1(pfx, forge.util.encodeUtf8(password));
  }
}

function certificateDer(bag: forge.pkcs12.Bag): Buffer {
  // forge keeps only the ASN.1 of certificates whose key it cannot read (non-RSA).
  const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag.asn1 as forge.asn1.Asn1 | undefined);
  if (!asn1) throw certificateError('notPkcs12');
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

function nodeKey(bag: forge.pkcs12.Bag): KeyObject {
  // Likewise forge decodes only RSA keys; the others stay as PrivateKeyInfo ASN.1.
  const info = bag.key
    ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))
    : (bag.asn1 as forge.asn1.Asn1 | undefined);
  if (!info) throw certificateError('notPkcs12');
  try {
    return createPrivateKey({ key: Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary'), format: 'der', type: 'pkcs8' });
  } catch {
    throw certificateError('unsupportedKeyType');
  }
}

/** Walks issuer links from the holder's certificate; unrelated certificates are left out. */
function issuerChain(leaf: Buffer, all: Buffer[]): Buffer[] {
  const chain: Buffer[] = [];
  let current = new X509Certificate(leaf);
  const remaining = all.filter((der) => !der.equals(leaf));
  for (;;) {
    // A self-issued certificate is the root: nothing above it.
    if (current.checkIssued(current)) break;
    const index = remaining.findIndex((der) => {
      const candidate = new X509Certificate(der);
      return current.checkIssued(candidate) && current.verify(candidate.publicKey);
    });
    if (index < 0) break;
    const [next] = remaining.splice(index, 1);
    chain.push(next!);
    current = new X509Certificate(next!);
  }
  return chain;
}
