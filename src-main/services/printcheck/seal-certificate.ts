import type { KeyObject } from 'node:crypto';
import { buildCertificate, utf8 } from '../certificates/x509-build.js';

const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';

/**
 * Self-signed certificate for the office's own document seal ("sello" on printed copies):
 * identifies the installation that sealed a document, not a person.
 */
export function sealCertificate(name: string, privateKey: KeyObject, publicKey: KeyObject, days = 3650): Buffer {
  const now = new Date();
  return buildCertificate({
    subject: [utf8(COMMON_NAME, name), utf8(ORGANIZATION, 'Sesiona - sello de documentos')],
    publicKey,
    notBefore: now,
    notAfter: new Date(now.getTime() + days * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    ],
    issuer: null,
    signingKey: privateKey,
  });
}
