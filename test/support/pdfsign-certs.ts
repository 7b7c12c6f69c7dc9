/**
 * A throw-away PKI for signing tests: one CA, three signers (Spanish names, SAT-like serials),
 * a time-stamping authority and an unrelated root. Keys come from Node crypto; forge only lays
 * out the X.509 structures.
 */
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { PdfSigner } from '../../src-main/services/pdfsign/types.js';

export interface TestSigner extends PdfSigner {
  commonName: string;
  privateKey: KeyObject;
  certificatePem: string;
}

export interface TestIssuer {
  certificate: Buffer;
  certificatePem: string;
  privateKeyPem: string;
}

export interface TestPki {
  ca: TestIssuer;
  signers: [TestSigner, TestSigner, TestSigner];
  tsa: TestIssuer;
  unrelatedRoot: TestIssuer;
}

const SIGNER_NAMES = ['MARÍA FERNANDA LÓPEZ RUIZ', 'JOSÉ LUIS PÉREZ GARCÍA', 'ANA SOFÍA MARTÍNEZ NÚÑEZ'] as const;

function keyPair(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function name(commonName: string, extra: forge.pki.CertificateField[] = []): forge.pki.CertificateField[] {
  return [
    { shortName: 'CN', value: commonName, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
    { shortName: 'O', value: 'Instituto Electoral de Pruebas' },
    { shortName: 'C', value: 'MX' },
    ...extra,
  ];
}

interface CertSpec {
  subject: forge.pki.CertificateField[];
  serialHex: string;
  publicPem: string;
  issuer?: { cert: forge.pki.Certificate; privatePem: string };
  selfPrivatePem?: string;
  extensions: object[];
}

function makeCert(spec: CertSpec): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.publicPem);
  cert.serialNumber = spec.serialHex;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now + 4 * 365 * 24 * 3600 * 1000);
  cert.setSubject(spec.subject);
  cert.setIssuer(spec.issuer ? spec.issuer.cert.subject.attributes : spec.subject);
  cert.setExtensions(spec.extensions);
  const signingKey = forge.pki.privateKeyFromPem(spec.issuer ? spec.issuer.privatePem : (spec.selfPrivatePem as string));
  cert.sign(signingKey, forge.md.sha256.create());
  return cert;
}

function der(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

function root(commonName: string): { issuer: TestIssuer; cert: forge.pki.Certificate } {
  const keys = keyPair();
  const cert = makeCert({
    subject: name(commonName),
    serialHex: '01',
    publicPem: keys.publicPem,
    selfPrivatePem: keys.privatePem,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  return { cert, issuer: { certificate: der(cert), certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: keys.privatePem } };
}

let cached: TestPki | undefined;

/** Same PKI for the whole test process (key generation is the slow part). */
export function testPki(): TestPki {
  if (cached) return cached;
  const ca = root('AC DE PRUEBAS DEL INSTITUTO');
  const unrelated = root('AC AJENA');
  const signers = SIGNER_NAMES.map((commonName, i) => {
    const keys = keyPair();
    // SAT serials are ASCII digits hex-encoded.
    const serialHex = Buffer.from(`0000100000070000000${i + 1}`, 'latin1').toString('hex');
    const cert = makeCert({
      subject: name(commonName, [{ name: 'serialNumber', value: `PEGJ80010${i}HMNRRS0${i}` }]),
      serialHex,
      publicPem: keys.publicPem,
      issuer: { cert: ca.cert, privatePem: ca.issuer.privateKeyPem },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      ],
    });
    const privateKey = createPrivateKey(keys.privatePem);
    const signer: TestSigner = {
      commonName,
      privateKey,
      certificate: der(cert),
      certificatePem: forge.pki.certificateToPem(cert),
      // The first signer carries no chain, to exercise that case.
      chain: i === 0 ? [] : [ca.issuer.certificate],
      sign: (data: Buffer) => sign('sha256', data, privateKey),
    };
    return signer;
  }) as [TestSigner, TestSigner, TestSigner];

  const tsaKeys = keyPair();
  const tsaCert = makeCert({
    subject: name('SELLO DE TIEMPO DE PRUEBAS'),
    serialHex: '7501',
    publicPem: tsaKeys.publicPem,
    issuer: { cert: ca.cert, privatePem: ca.issuer.privateKeyPem },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'extKeyUsage', timeStamping: true, critical: true },
    ],
  });
  cached = {
    ca: ca.issuer,
    signers,
    tsa: { certificate: der(tsaCert), certificatePem: forge.pki.certificateToPem(tsaCert), privateKeyPem: tsaKeys.privatePem },
    unrelatedRoot: unrelated.issuer,
  };
  return cached;
}
