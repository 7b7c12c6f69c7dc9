import { createCipheriv, createPrivateKey, pbkdf2Sync, randomBytes, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { TAG, tlvChildren, octetString, oid, readOnly, sequence, unsignedInteger } from './der.js';
import { certificateError } from './errors.js';
import { certificateInfo, readCertificate } from './info.js';
import { assertKeyMatchesCertificate, assertRsaKey, type Credentials } from './keys.js';
import { unPem } from './pem.js';

/** PBKDF2 iterations in the .key files SAT hands out. */
export const SAT_KEY_ITERATIONS = 2048;

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_PBKDF2 = '1.2.840.113549.1.5.12';
const OID_DES_EDE3_CBC = '1.2.840.113549.3.7';

/**
 * Loads a SAT e.firma: the .cer (DER or PEM X.509) and the .key (DER or PEM encrypted PKCS#8)
 * with its password, and checks that they are the same pair.
 */
export function loadSatCredentials(cer: Buffer, key: Buffer, password: string): Credentials {
  const certificate = readCertificate(cer);
  const privateKey = decryptSatKey(key, password);
  assertKeyMatchesCertificate(privateKey, certificate);
  return { certificate, chain: [], privateKey, info: certificateInfo(certificate) };
}

export async function readSatFiles(cerPath: string, keyPath: string, password: string): Promise<Credentials> {
  const [cer, key] = await Promise.all([readFile(cerPath), readFile(keyPath)]);
  return loadSatCredentials(cer, key, password);
}

/** Decrypts an encrypted PKCS#8 key (any scheme OpenSSL reads; SAT's is PBES2 + 3DES). */
export function decryptSatKey(data: Buffer, password: string): KeyObject {
  const { der, label } = unPem(data);
  if ((label !== null && label !== 'ENCRYPTED PRIVATE KEY') || !isEncryptedPrivateKeyInfo(der)) {
    throw certificateError('notEncryptedPkcs8');
  }
  if (!password) throw certificateError('missingPassword');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: password });
  } catch (e) {
    // A wrong password usually fails the CBC padding check, but now and then the padding
    // happens to be valid and the garbage fails to parse instead: both mean a wrong password.
    const message = e instanceof Error ? e.message : '';
    if (/unsupported|unknown/i.test(message)) throw certificateError('unsupportedEncryption');
    throw certificateError('wrongPassword');
  }
  assertRsaKey(key);
  return key;
}

/**
 * Encrypts a private key exactly as SAT does: DER EncryptedPrivateKeyInfo, PBES2 with
 * PBKDF2-HMAC-SHA1 (2,048 iterations) and des-ede3-cbc. Node's own export picks
 * hmacWithSHA256, which SAT's tools may not read, hence the hand-built structure.
 */
export function encryptSatKey(key: KeyObject, password: string, iterations = SAT_KEY_ITERATIONS): Buffer {
  if (!password) throw certificateError('missingPassword');
  const plain = key.export({ type: 'pkcs8', format: 'der' });
  const salt = randomBytes(8);
  const iv = randomBytes(8);
  const derived = pbkdf2Sync(password, salt, iterations, 24, 'sha1');
  const cipher = createCipheriv('des-ede3-cbc', derived, iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  // The PRF is left out: hmacWithSHA1 is its DEFAULT, and DER omits defaults (OpenSSL does too).
  const algorithm = sequence(
    oid(OID_PBES2),
    sequence(
      sequence(oid(OID_PBKDF2), sequence(octetString(salt), unsignedInteger(iterations))),
      sequence(oid(OID_DES_EDE3_CBC), octetString(iv)),
    ),
  );
  return sequence(algorithm, octetString(encrypted));
}

/** EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier, OCTET STRING }. */
function isEncryptedPrivateKeyInfo(der: Buffer): boolean {
  try {
    const top = readOnly(der);
    if (top.tag !== TAG.SEQUENCE) return false;
    const [algorithm, data, ...rest] = tlvChildren(top);
    if (!algorithm || !data || rest.length > 0) return false;
    return algorithm.tag === TAG.SEQUENCE && tlvChildren(algorithm)[0]?.tag === TAG.OID && data.tag === TAG.OCTET_STRING;
  } catch {
    return false;
  }
}
