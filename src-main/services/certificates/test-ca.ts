/**
 * The institute's TEST certification authority: for offices that have no e.firma yet, for
 * training and for tests. Certificates it issues look like SAT's (same subject fields, same
 * .cer/.key formats) but are NOT legally equivalent to the SAT e.firma: they carry no legal
 * value as an advanced electronic signature, and their CA says so in its own name.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { AppError } from '../../../src-shared/contract/errors.js';
import { writeFileDurable } from '../store/durable.js';
import { certificateInfo, type CertificateInfo } from './info.js';
import { readSatFiles, encryptSatKey } from './sat.js';
import { buildCertificate, field, utf8 } from './x509-build.js';

export const TEST_CA_NOTICE =
  'Certificado de PRUEBAS del instituto: no equivale a la e.firma del SAT ni tiene validez legal como firma electrónica avanzada.';

const DEFAULT_CA_NAME = 'Autoridad Certificadora de Pruebas de Sesiona';
const CA_DAYS = 3_652;
/** The SAT e.firma is valid for four years. */
const HOLDER_DAYS = 1_461;
const MAX_DAYS = 3_652;
/** Backdate a little so a certificate works at once on a machine whose clock is slightly behind. */
const CLOCK_SKEW_MS = 5 * 60_000;

const RFC = /^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/;
const CURP = /^[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  name: '2.5.4.41',
  x500UniqueIdentifier: '2.5.4.45',
  emailAddress: '1.2.840.113549.1.9.1',
};

export interface CaMetadata {
  kind: 'sesiona-test-ca';
  notice: string;
  createdAt: string;
  info: CertificateInfo;
}

export interface InitCaOptions {
  /** Protects ca.key; at least 8 characters. */
  password: string;
  name?: string;
  validDays?: number;
  now?: Date;
}

export interface IssueOptions {
  caDir: string;
  caPassword: string;
  /** Holder's full name, the certificate's CN. */
  name: string;
  rfc: string;
  curp?: string;
  email?: string;
  validDays?: number;
  notBefore?: Date;
  /** Protects the holder's .key (or .p12); at least 8 characters. */
  password: string;
  outDir: string;
  /** emailProtection + clientAuth; on unless turned off. */
  extendedKeyUsage?: boolean;
}

export interface IssuedCertificate {
  certificatePath: string;
  keyPath: string;
  info: CertificateInfo;
}

/** Creates ca.cer (DER), ca.key (SAT-format encrypted PKCS#8) and ca.json in `outDir`. */
export async function initCa(outDir: string, options: InitCaOptions): Promise<CaMetadata> {
  checkPassword(options.password);
  const name = checkName(options.name ?? DEFAULT_CA_NAME);
  const days = checkDays(options.validDays ?? CA_DAYS);
  const paths = caPaths(outDir);
  if (await exists(paths.key)) throw new AppError('CONFLICT', 'Ya existe una autoridad certificadora de pruebas en esa carpeta.');
  const now = options.now ?? new Date();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const subject: forge.pki.CertificateField[] = [
    utf8(OID.commonName, name),
    utf8(OID.organization, 'Sesiona - certificados de prueba'),
    utf8(OID.organizationalUnit, 'SIN VALIDEZ LEGAL: NO EQUIVALE A LA E.FIRMA DEL SAT'),
  ];
  const der = buildCertificate({
    subject,
    publicKey,
    notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
    notAfter: new Date(now.getTime() + days * 86_400_000),
    extensions: [
      { name: 'basicConstraints', critical: true, cA: true, pathLenConstraint: 0 },
      { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
      { name: 'subjectKeyIdentifier' },
    ],
    issuer: null,
    signingKey: privateKey,
  });
  const metadata: CaMetadata = { kind: 'sesiona-test-ca', notice: TEST_CA_NOTICE, createdAt: now.toISOString(), info: certificateInfo(der) };
  // ca.json goes last: a folder with it is a complete CA.
  await writeFileDurable(paths.key, encryptSatKey(privateKey, options.password));
  await writeFileDurable(paths.certificate, der);
  await writeFileDurable(paths.metadata, `${JSON.stringify(metadata, null, 2)}\n`);
  return metadata;
}

/** Issues a holder certificate: writes `<RFC>.cer` and `<RFC>.key` in SAT's formats. */
export async function issueCertificate(options: IssueOptions): Promise<IssuedCertificate> {
  const { rfc, der, privateKey } = await issue(options, ['cer', 'key']);
  const certificatePath = join(options.outDir, `${rfc}.cer`);
  const keyPath = join(options.outDir, `${rfc}.key`);
  await writeFileDurable(keyPath, encryptSatKey(privateKey, options.password));
  await writeFileDurable(certificatePath, der);
  return { certificatePath, keyPath, info: certificateInfo(der) };
}

/** Issues a holder certificate as `<RFC>.p12` (key, certificate and the CA certificate). */
export async function issueP12(options: IssueOptions): Promise<{ p12Path: string; info: CertificateInfo }> {
  const { rfc, der, privateKey, caCertificate } = await issue(options, ['p12']);
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const chain = [der, caCertificate].map((c) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(c.toString('binary'))));
  // 3DES and a SHA-1 MAC: what forge writes, and what OpenSSL 3 reads without its legacy provider.
  const p12 = forge.pkcs12.toPkcs12Asn1(forgeKey, chain, options.password, { algorithm: '3des', friendlyName: rfc });
  const p12Path = join(options.outDir, `${rfc}.p12`);
  await writeFileDurable(p12Path, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
  return { p12Path, info: certificateInfo(der) };
}

/** Validates, checks the CA and the output folder, then builds the certificate; writes nothing. */
async function issue(options: IssueOptions, outputs: string[]): Promise<{ rfc: string; der: Buffer; privateKey: KeyObject; caCertificate: Buffer }> {
  const name = checkName(options.name);
  const rfc = options.rfc.trim().toUpperCase();
  if (!RFC.test(rfc)) throw invalid(`El RFC «${options.rfc}» no tiene un formato válido (por ejemplo, PELJ800101AB1).`);
  const curp = options.curp?.trim().toUpperCase() || undefined;
  if (curp !== undefined && !CURP.test(curp)) {
    throw invalid(`La CURP «${options.curp}» no tiene un formato válido (18 caracteres, por ejemplo, PELJ800101HDFRPN09).`);
  }
  const email = options.email?.trim() || undefined;
  if (email !== undefined && !EMAIL.test(email)) throw invalid(`El correo electrónico «${options.email}» no es válido.`);
  checkPassword(options.password);
  const days = checkDays(options.validDays ?? HOLDER_DAYS);
  if (options.notBefore !== undefined && Number.isNaN(options.notBefore.getTime())) throw invalid('La fecha de inicio de vigencia no es válida.');

  const paths = caPaths(options.caDir);
  if (!(await exists(paths.key)) || !(await exists(paths.certificate))) {
    throw new AppError('NOT_FOUND', `No se encontró una autoridad certificadora de pruebas en ${options.caDir}.`);
  }
  const ca = await readSatFiles(paths.certificate, paths.key, options.caPassword);
  for (const ext of outputs) {
    if (await exists(join(options.outDir, `${rfc}.${ext}`))) {
      throw new AppError('CONFLICT', `Ya existe un certificado para el RFC ${rfc} en esa carpeta.`);
    }
  }

  const notBefore = options.notBefore ?? new Date(Date.now() - CLOCK_SKEW_MS);
  // A certificate cannot outlive the CA that vouches for it.
  const notAfter = new Date(Math.min(notBefore.getTime() + days * 86_400_000, Date.parse(ca.info.notAfter)));
  const subject: forge.pki.CertificateField[] = [utf8(OID.commonName, name), utf8(OID.name, name), utf8(OID.organization, name)];
  if (email) subject.push(field(OID.emailAddress, email, forge.asn1.Type.IA5STRING));
  subject.push(utf8(OID.x500UniqueIdentifier, rfc));
  if (curp) subject.push(field(OID.serialNumber, curp, forge.asn1.Type.PRINTABLESTRING));

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const extensions: object[] = [
    { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (options.extendedKeyUsage !== false) extensions.push({ name: 'extKeyUsage', emailProtection: true, clientAuth: true });
  const der = buildCertificate({
    subject,
    publicKey,
    notBefore,
    notAfter,
    extensions,
    issuer: ca.certificate,
    signingKey: ca.privateKey,
  });
  return { rfc, der, privateKey, caCertificate: ca.certificate };
}

function caPaths(dir: string): { certificate: string; key: string; metadata: string } {
  return { certificate: join(dir, 'ca.cer'), key: join(dir, 'ca.key'), metadata: join(dir, 'ca.json') };
}

function checkName(value: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (!name) throw invalid('Escriba el nombre del titular del certificado.');
  // X.520 upper bound for a common name.
  if ([...name].length > 64) throw invalid('El nombre no puede tener más de 64 caracteres.');
  return name;
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || [...password].length < 8) {
    throw invalid('La contraseña de la clave privada debe tener al menos 8 caracteres.');
  }
}

function checkDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw invalid(`La vigencia debe ser un número entero de días entre 1 y ${MAX_DAYS}.`);
  return days;
}

function invalid(message: string): AppError {
  return new AppError('INVALID_ARGUMENT', message);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
