import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const OPENSSL = '/usr/bin/openssl';

export interface SatCertOptions {
  name?: string;
  /** Raw x500UniqueIdentifier value; SAT writes "RFC / RFC-of-representative" for companies. */
  rfc?: string;
  /** Raw subject serialNumber value (the CURP). */
  curp?: string;
  email?: string;
  password?: string;
  /** The 20-digit certificate number; written as ASCII digits, hex-encoded, like SAT. */
  number?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** 'ec' makes a P-256 key, which the e.firma never uses. */
  keyType?: 'rsa' | 'ec';
  /** Also export `<base>.p12` with the same password; 'legacy' uses RC2/3DES as OpenSSL 1.1 did. */
  p12?: 'default' | 'legacy';
}

export interface SatCertFiles {
  /** DER X.509, as SAT hands it out. */
  cer: string;
  /** DER PKCS#8 EncryptedPrivateKeyInfo, PBES2 + PBKDF2-HMAC-SHA1 (2,048) + des-ede3-cbc. */
  key: string;
  certPem: string;
  /** The same key encrypted, as PEM ("ENCRYPTED PRIVATE KEY"). */
  keyPem: string;
  /** The key unencrypted, traditional PEM ("RSA PRIVATE KEY" for RSA). */
  plainKeyPem: string;
  p12?: string;
  password: string;
  number: string;
}

export function openssl(args: string[], cwd?: string): string {
  return execFileSync(OPENSSL, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Makes a self-signed certificate and key in SAT's formats with the openssl command line, in
 * `dir` under the name `base` (base.cer, base.key, …).
 */
export function makeSatCertificate(dir: string, base = 'efirma', options: SatCertOptions = {}): SatCertFiles {
  const work = join(dir, `${base}.work`);
  mkdirSync(join(work, 'db'), { recursive: true });
  const password = options.password ?? '12345678a';
  const number = options.number ?? '00001000000504465028';
  const now = Date.now();
  const notBefore = options.notBefore ?? new Date(now - 86_400_000);
  const notAfter = options.notAfter ?? new Date(now + 4 * 365 * 86_400_000);

  const plainKeyPem = join(dir, `${base}.plain.pem`);
  if (options.keyType === 'ec') openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', plainKeyPem]);
  else openssl(['genrsa', '-traditional', '-out', plainKeyPem, '2048']);

  const subject: [string, string | undefined][] = [
    ['CN', options.name ?? 'JOSÉ PEÑA LÓPEZ'],
    ['name', options.name ?? 'JOSÉ PEÑA LÓPEZ'],
    ['O', options.name ?? 'JOSÉ PEÑA LÓPEZ'],
    ['emailAddress', options.email],
    ['x500UniqueIdentifier', options.rfc ?? 'PELJ800101AB1'],
    ['serialNumber', options.curp ?? 'PELJ800101HDFRPN09'],
  ];
  const subj = subject
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `/${k}=${v.replace(/([/+\\])/g, '\\$1')}`)
    .join('');
  openssl(['req', '-new', '-utf8', '-key', plainKeyPem, '-subj', subj, '-out', join(work, 'req.csr')]);

  // `openssl ca` is the one OpenSSL 3.0 command that takes explicit start and end dates.
  writeFileSync(join(work, 'db', 'index.txt'), '');
  writeFileSync(join(work, 'db', 'serial'), `${Buffer.from(number, 'latin1').toString('hex')}\n`);
  writeFileSync(
    join(work, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = self',
      '[self]',
      'database = db/index.txt',
      'serial = db/serial',
      'new_certs_dir = db',
      'default_md = sha256',
      'policy = anything',
      'unique_subject = no',
      'email_in_dn = yes',
      'x509_extensions = holder',
      '[anything]',
      'commonName = supplied',
      '[holder]',
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature, nonRepudiation',
      '',
    ].join('\n'),
  );
  const certPem = join(dir, `${base}.crt.pem`);
  openssl(
    ['ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', plainKeyPem, '-in', 'req.csr', '-preserveDN', '-notext', '-utf8',
      '-startdate', opensslDate(notBefore), '-enddate', opensslDate(notAfter), '-out', certPem],
    work,
  );

  const cer = join(dir, `${base}.cer`);
  const key = join(dir, `${base}.key`);
  const keyPem = join(dir, `${base}.key.pem`);
  openssl(['x509', '-in', certPem, '-outform', 'DER', '-out', cer]);
  const pkcs8 = ['pkcs8', '-topk8', '-v2', 'des3', '-v2prf', 'hmacWithSHA1', '-iter', '2048', '-in', plainKeyPem, '-passout', `pass:${password}`];
  openssl([...pkcs8, '-outform', 'DER', '-out', key]);
  openssl([...pkcs8, '-outform', 'PEM', '-out', keyPem]);

  const files: SatCertFiles = { cer, key, certPem, keyPem, plainKeyPem, password, number };
  if (options.p12) {
    files.p12 = join(dir, `${base}.p12`);
    openssl([
      'pkcs12', '-export', ...(options.p12 === 'legacy' ? ['-legacy'] : []),
      '-inkey', plainKeyPem, '-in', certPem, '-passout', `pass:${password}`, '-out', files.p12,
    ]);
  }
  return files;
}

/** PEM of a DER certificate, for `openssl verify -CAfile`. */
export function derToPem(derPath: string, pemPath: string): string {
  openssl(['x509', '-inform', 'DER', '-in', derPath, '-out', pemPath]);
  return pemPath;
}

export function read(path: string): Buffer {
  return readFileSync(path);
}

function opensslDate(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-T:]/g, '')}Z`;
}
