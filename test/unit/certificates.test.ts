import { X509Certificate, createPublicKey, randomBytes, verify } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors.js';
import { oid, octetString, sequence } from '../../src-main/services/certificates/der.js';
import { MESSAGES } from '../../src-main/services/certificates/errors.js';
import { certificateInfo, readCertificate, validity } from '../../src-main/services/certificates/info.js';
import { loadPkcs12, readPkcs12File } from '../../src-main/services/certificates/pkcs12.js';
import { decryptSatKey, encryptSatKey, loadSatCredentials, readSatFiles } from '../../src-main/services/certificates/sat.js';
import { createSigner, forgeCertificate, forgeKeyAdapter } from '../../src-main/services/certificates/signer.js';
import { TEST_CA_NOTICE, initCa, issueCertificate, issueP12 } from '../../src-main/services/certificates/test-ca.js';
import { derToPem, makeSatCertificate, openssl, read, type SatCertFiles } from '../support/sat-certs.js';
import { tempDir } from '../support/temp.js';

/** Runs `fn` and returns the AppError it throws, so a test can check code and message. */
async function appError(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

let dir: { path: string; cleanup: () => Promise<void> };
let efirma: SatCertFiles;
let other: SatCertFiles;

beforeAll(async () => {
  dir = await tempDir('sesiona-certs-');
  efirma = makeSatCertificate(dir.path, 'efirma', { email: 'jose.pena@example.mx', p12: 'default' });
  other = makeSatCertificate(dir.path, 'other', { name: 'ANA GÓMEZ', rfc: 'GOMA750505XY2', curp: 'GOMA750505MDFMNN02' });
}, 60_000);

afterAll(() => dir.cleanup());

describe('SAT e.firma (.cer + .key made by openssl)', () => {
  it('reads the holder, RFC, CURP and the 20-digit certificate number', async () => {
    const creds = await readSatFiles(efirma.cer, efirma.key, efirma.password);
    expect(creds.info).toMatchObject({
      subjectName: 'JOSÉ PEÑA LÓPEZ',
      rfc: 'PELJ800101AB1',
      curp: 'PELJ800101HDFRPN09',
      email: 'jose.pena@example.mx',
      certificateNumber: efirma.number,
      serialNumber: Buffer.from(efirma.number).toString('hex').toUpperCase(),
      issuerName: 'JOSÉ PEÑA LÓPEZ',
    });
    expect(creds.info.subject).toContain('x500UniqueIdentifier=PELJ800101AB1');
    expect(creds.chain).toEqual([]);
    expect(creds.privateKey.asymmetricKeyType).toBe('rsa');
    const fingerprint = openssl(['x509', '-in', efirma.certPem, '-noout', '-fingerprint', '-sha256']).trim().split('=')[1];
    expect(creds.info.fingerprintSha256).toBe(fingerprint);
    expect(validity(creds.info)).toEqual({ status: 'valid', warning: null });
    // Plain JSON: it travels over IPC and into lowdb unchanged.
    expect(JSON.parse(JSON.stringify(creds.info))).toEqual(creds.info);
  });

  it('takes the first token of company certificates ("RFC / RFC del representante")', () => {
    const company = makeSatCertificate(dir.path, 'company', {
      name: 'COMERCIALIZADORA EL ÁGUILA SA DE CV',
      rfc: 'CEA010101AB1 / PELJ800101AB1',
      curp: ' / PELJ800101HDFRPN09',
    });
    const info = certificateInfo(readCertificate(read(company.cer)));
    expect(info.rfc).toBe('CEA010101AB1');
    expect(info.curp).toBe('PELJ800101HDFRPN09');
    expect(info.subjectName).toBe('COMERCIALIZADORA EL ÁGUILA SA DE CV');
  });

  it('accepts PEM copies of the .cer and the .key', () => {
    const creds = loadSatCredentials(read(efirma.certPem), read(efirma.keyPem), efirma.password);
    expect(creds.certificate).toEqual(read(efirma.cer));
  });

  it('says the password is wrong, in Spanish, without crashing', async () => {
    for (const password of ['otra-contraseña', '12345678b']) {
      const error = await appError(() => readSatFiles(efirma.cer, efirma.key, password));
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.message).toBe('La contraseña de la clave privada es incorrecta.');
    }
    expect((await appError(() => decryptSatKey(read(efirma.key), ''))).message).toBe(MESSAGES.missingPassword);
  });

  it('refuses a key that belongs to another certificate', async () => {
    const error = await appError(() => loadSatCredentials(read(efirma.cer), read(other.key), other.password));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/no corresponde al certificado/);
  });

  it('reports an expired certificate with the date it expired', async () => {
    const expired = makeSatCertificate(dir.path, 'expired', {
      notBefore: new Date('2017-01-15T12:00:00Z'),
      notAfter: new Date('2021-01-15T12:00:00Z'),
    });
    const { info } = await readSatFiles(expired.cer, expired.key, expired.password);
    expect(info.notAfter).toBe('2021-01-15T12:00:00.000Z');
    const { status, warning } = validity(info);
    expect(status).toBe('expired');
    expect(warning).toBe('El certificado venció el 15 de enero de 2021: ya no puede usarse para firmar. Renueve su certificado.');
  });

  it('warns before validity starts and in the last days before it ends', () => {
    const info = certificateInfo(read(efirma.cer));
    const before = validity(info, new Date(Date.parse(info.notBefore) - 86_400_000));
    expect(before.status).toBe('not-yet-valid');
    expect(before.warning).toMatch(/^El certificado aún no es válido: su vigencia comienza el \d+ de \w+ de \d{4}\.$/);
    const soon = validity(info, new Date(Date.parse(info.notAfter) - 10.5 * 86_400_000));
    expect(soon.status).toBe('valid');
    expect(soon.warning).toMatch(/^El certificado vence en 10 días \(/);
  });

  it('rejects a .cer that is not a DER X.509 certificate', async () => {
    const der = read(efirma.cer);
    const corrupt = [randomBytes(900), der.subarray(0, der.length - 40), Buffer.concat([der, Buffer.from([0])]), read(efirma.key), Buffer.alloc(0)];
    for (const cer of corrupt) {
      const error = await appError(() => loadSatCredentials(cer, read(efirma.key), efirma.password));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toBe(MESSAGES.corruptCertificate);
    }
  });

  it('rejects a .key that is not an encrypted PKCS#8 key', async () => {
    openssl(['pkcs8', '-topk8', '-nocrypt', '-in', efirma.plainKeyPem, '-outform', 'DER', '-out', join(dir.path, 'plain.der')]);
    const notKeys = [read(efirma.plainKeyPem), randomBytes(1300), read(join(dir.path, 'plain.der')), read(efirma.cer), read(efirma.certPem)];
    for (const key of notKeys) {
      const error = await appError(() => decryptSatKey(key, efirma.password));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toBe(MESSAGES.notEncryptedPkcs8);
    }
  });

  it('rejects an encryption scheme it cannot read and a key that is not RSA', async () => {
    const unknownScheme = sequence(sequence(oid('1.2.3.4')), octetString(randomBytes(64)));
    expect((await appError(() => decryptSatKey(unknownScheme, 'x'))).message).toBe(MESSAGES.unsupportedEncryption);
    const ec = makeSatCertificate(dir.path, 'ec', { keyType: 'ec' });
    const error = await appError(() => readSatFiles(ec.cer, ec.key, ec.password));
    expect(error.message).toBe('El tipo de clave no es compatible: la firma electrónica avanzada requiere una clave RSA.');
  });

  it('writes keys in exactly the format openssl writes for SAT', () => {
    const key = decryptSatKey(read(efirma.key), efirma.password);
    const ours = encryptSatKey(key, 'contraseña-nueva');
    writeFileSync(join(dir.path, 'ours.key'), ours);
    const structure = (path: string): string[] =>
      openssl(['asn1parse', '-inform', 'DER', '-in', path])
        .split('\n')
        .slice(0, 12)
        .map((line) => line.replace(/\[HEX DUMP\]:[0-9A-F]+/, '').replace(/l= *\d+/, ''));
    expect(structure(join(dir.path, 'ours.key'))).toEqual(structure(efirma.key));
    expect(decryptSatKey(ours, 'contraseña-nueva').export({ format: 'jwk' })).toEqual(key.export({ format: 'jwk' }));
  });
});

describe('PKCS#12', () => {
  it('imports a .p12 written by OpenSSL 3 (AES-256, SHA-256 MAC) and by its legacy mode', () => {
    const legacy = makeSatCertificate(dir.path, 'legacy', { p12: 'legacy' });
    for (const files of [efirma, legacy]) {
      const creds = loadPkcs12(read(files.p12!), files.password);
      expect(creds.certificate).toEqual(read(files.cer));
      expect(creds.info.rfc).toBe('PELJ800101AB1');
      expect(creds.chain).toEqual([]);
      expect(createPublicKey(creds.privateKey).export({ format: 'jwk' })).toEqual(new X509Certificate(creds.certificate).publicKey.export({ format: 'jwk' }));
    }
  });

  it('opens files protected with a password that has ñ or accents', () => {
    const files = makeSatCertificate(dir.path, 'enie', { password: 'contraseña-Ñandú', p12: 'default' });
    expect(loadPkcs12(read(files.p12!), files.password).certificate).toEqual(read(files.cer));
    expect(loadSatCredentials(read(files.cer), read(files.key), files.password).info.rfc).toBe('PELJ800101AB1');
    expect(() => loadPkcs12(read(files.p12!), 'contraseña-Ñandu')).toThrow('La contraseña de la clave privada es incorrecta.');
  });

  it('says the password is wrong with the same message as the .key', async () => {
    const error = await appError(() => readPkcs12File(efirma.p12!, 'incorrecta'));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe('La contraseña de la clave privada es incorrecta.');
  });

  it('rejects files that are not PKCS#12 and keys that do not match the certificate', async () => {
    for (const data of [randomBytes(2000), read(efirma.cer)]) {
      expect((await appError(() => loadPkcs12(data, 'x'))).message).toBe(MESSAGES.notPkcs12);
    }
    const key = forge.pki.privateKeyFromPem(readFileSync(other.plainKeyPem, 'utf8'));
    const cert = forge.pki.certificateFromPem(readFileSync(efirma.certPem, 'utf8'));
    const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], 'clave-de-prueba', { algorithm: '3des' });
    const mixed = Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
    expect((await appError(() => loadPkcs12(mixed, 'clave-de-prueba'))).message).toBe(MESSAGES.keyMismatch);
  });
});

describe('institutional test CA', () => {
  let caDir: string;
  const caPassword = 'clave-de-la-ac';

  beforeAll(async () => {
    caDir = join(dir.path, 'ca');
    await initCa(caDir, { password: caPassword, name: 'AC de Pruebas del Instituto Electoral de Michoacán' });
  }, 60_000);

  it('writes ca.cer, ca.key and ca.json that says it is not the SAT e.firma', async () => {
    const metadata = JSON.parse(readFileSync(join(caDir, 'ca.json'), 'utf8'));
    expect(metadata.notice).toBe(TEST_CA_NOTICE);
    expect(metadata.notice).toMatch(/no equivale a la e\.firma del SAT/);
    expect(metadata.info.subjectName).toBe('AC de Pruebas del Instituto Electoral de Michoacán');
    const text = openssl(['x509', '-inform', 'DER', '-in', join(caDir, 'ca.cer'), '-noout', '-text']);
    expect(text).toMatch(/CA:TRUE/);
    expect(text).toMatch(/NO EQUIVALE A LA E.FIRMA DEL SAT/);
    const again = await appError(() => initCa(caDir, { password: caPassword }));
    expect(again.code).toBe('CONFLICT');
  });

  it('issues a SAT-shaped .cer/.key that the app and openssl accept', async () => {
    const outDir = join(dir.path, 'issued');
    const issued = await issueCertificate({
      caDir,
      caPassword,
      name: 'María Ñúñez Herrera',
      rfc: 'nuhm850315ab1',
      curp: 'NUHM850315MDFXRR07',
      email: 'maria.nunez@example.mx',
      password: 'firma-de-maria',
      outDir,
    });
    expect(issued.certificatePath).toBe(join(outDir, 'NUHM850315AB1.cer'));
    expect(issued.keyPath).toBe(join(outDir, 'NUHM850315AB1.key'));

    const creds = await readSatFiles(issued.certificatePath, issued.keyPath, 'firma-de-maria');
    expect(creds.info).toMatchObject({
      subjectName: 'María Ñúñez Herrera',
      rfc: 'NUHM850315AB1',
      curp: 'NUHM850315MDFXRR07',
      email: 'maria.nunez@example.mx',
      issuerName: 'AC de Pruebas del Instituto Electoral de Michoacán',
    });
    expect(creds.info.certificateNumber).toMatch(/^\d{20}$/);
    expect(creds.info.serialNumber).toBe(Buffer.from(creds.info.certificateNumber).toString('hex').toUpperCase());
    const days = (Date.parse(creds.info.notAfter) - Date.parse(creds.info.notBefore)) / 86_400_000;
    expect(days).toBe(1461);

    const text = openssl(['x509', '-inform', 'DER', '-in', issued.certificatePath, '-noout', '-text', '-nameopt', 'RFC2253,-esc_msb']);
    expect(text).toContain('CN=María Ñúñez Herrera');
    expect(text).toContain('x500UniqueIdentifier=NUHM850315AB1');
    expect(text).toContain('serialNumber=NUHM850315MDFXRR07');
    expect(text).toMatch(/Digital Signature, Non Repudiation/);
    expect(text).toMatch(/E-mail Protection, TLS Web Client Authentication/);

    const keyStructure = openssl(['asn1parse', '-inform', 'DER', '-in', issued.keyPath]);
    expect(keyStructure).toMatch(/:PBES2/);
    expect(keyStructure).toMatch(/:PBKDF2/);
    expect(keyStructure).toMatch(/INTEGER +:0800/);
    expect(keyStructure).toMatch(/:des-ede3-cbc/);
    // hmacWithSHA1 is PBKDF2's default PRF, so DER leaves it out; a SHA-256 PRF would be named.
    expect(keyStructure).not.toMatch(/hmacWith/);

    const caPem = derToPem(join(caDir, 'ca.cer'), join(dir.path, 'ca.pem'));
    const leafPem = derToPem(issued.certificatePath, join(dir.path, 'maria.pem'));
    expect(openssl(['verify', '-CAfile', caPem, leafPem]).trim()).toBe(`${leafPem}: OK`);
  });

  it('issues a .p12 with the CA certificate as its chain', async () => {
    const outDir = join(dir.path, 'issued-p12');
    const { p12Path, info } = await issueP12({ caDir, caPassword, name: 'Luis Ortega', rfc: 'OELU700101AA1', password: 'firma-de-luis', outDir });
    expect(p12Path).toBe(join(outDir, 'OELU700101AA1.p12'));
    const creds = await readPkcs12File(p12Path, 'firma-de-luis');
    expect(creds.info).toEqual(info);
    expect(creds.chain).toEqual([read(join(caDir, 'ca.cer'))]);
    expect(creds.info.curp).toBeNull();
    // OpenSSL 3 reads it without -legacy.
    expect(() => openssl(['pkcs12', '-in', p12Path, '-passin', 'pass:firma-de-luis', '-noout'])).not.toThrow();
  });

  it('can issue an already expired certificate for tests', async () => {
    const outDir = join(dir.path, 'issued-expired');
    const { info } = await issueCertificate({
      caDir, caPassword, name: 'Vencido', rfc: 'VENC010101AA1', password: 'firma-vencida',
      notBefore: new Date('2020-01-01T00:00:00Z'), validDays: 30, outDir,
    });
    expect(info.notAfter).toBe('2020-01-31T00:00:00.000Z');
    expect(validity(info).status).toBe('expired');
  });

  it('validates its inputs with Spanish messages and writes nothing on error', async () => {
    const outDir = join(dir.path, 'rejected');
    const base = { caDir, caPassword, name: 'Titular', rfc: 'TITU800101AB1', password: 'buena-clave', outDir };
    const cases: [Partial<typeof base> & { curp?: string; email?: string }, RegExp][] = [
      [{ rfc: 'ABC123' }, /El RFC «ABC123» no tiene un formato válido/],
      [{ name: '   ' }, /Escriba el nombre del titular/],
      [{ password: 'corta' }, /al menos 8 caracteres/],
      [{ curp: 'XXXX' }, /La CURP «XXXX» no tiene un formato válido/],
      [{ email: 'sin-arroba' }, /correo electrónico/],
      [{ caPassword: 'otra-clave' }, /^La contraseña de la clave privada es incorrecta\.$/],
      [{ caDir: join(dir.path, 'no-such-ca') }, /No se encontró una autoridad certificadora de pruebas/],
    ];
    for (const [change, message] of cases) {
      const error = await appError(() => issueCertificate({ ...base, ...change }));
      expect(error.message).toMatch(message);
    }
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('signing', () => {
  it('signs RSA-SHA256 with Node crypto, verifiable with the certificate', async () => {
    const signer = createSigner(await readSatFiles(efirma.cer, efirma.key, efirma.password));
    const data = Buffer.from('Acta de la Primera Sesión Ordinaria de la Comisión de Modernización Institucional');
    const signature = signer.sign(data);
    expect(signature).toHaveLength(256);
    const publicKey = new X509Certificate(signer.certificate).publicKey;
    expect(verify('sha256', data, publicKey, signature)).toBe(true);
    expect(verify('sha256', Buffer.concat([data, Buffer.from('.')]), publicKey, signature)).toBe(false);
    expect(signer.info.rfc).toBe('PELJ800101AB1');
  });

  it('gives forge exactly the signature forge itself would make', () => {
    const key = decryptSatKey(read(efirma.key), efirma.password);
    const forgeKey = forge.pki.privateKeyFromPem(readFileSync(efirma.plainKeyPem, 'utf8'));
    const adapter = forgeKeyAdapter(key);
    for (const md of [forge.md.sha256.create(), forge.md.sha1.create(), forge.md.sha384.create(), forge.md.sha512.create()]) {
      md.update('hoja de firmas', 'utf8');
      expect(adapter.sign(md)).toBe(forgeKey.sign(md));
    }
    const md = forge.md.md5.create();
    expect(() => adapter.sign(md)).toThrow(/Unsupported digest/);
  });

  it("drives forge's PKCS#7 signer; openssl cms verifies the result", async () => {
    const creds = await readSatFiles(efirma.cer, efirma.key, efirma.password);
    const signer = createSigner(creds);
    const content = Buffer.from('%PDF-1.7 contenido a firmar');
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(content.toString('binary'));
    // The issuer is "JOSÉ PEÑA LÓPEZ": forge's own parser would write it back double-encoded.
    const cert = forgeCertificate(signer.certificate);
    p7.addCertificate(cert);
    p7.addSigner({
      key: signer.forgeKey as unknown as forge.pki.rsa.PrivateKey,
      certificate: cert,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
        { type: forge.pki.oids.messageDigest! },
        { type: forge.pki.oids.signingTime! },
      ],
    });
    p7.sign({ detached: true });
    const sigPath = join(dir.path, 'content.p7s');
    const contentPath = join(dir.path, 'content.bin');
    writeFileSync(sigPath, Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary'));
    writeFileSync(contentPath, content);
    expect(() =>
      openssl(['cms', '-verify', '-inform', 'DER', '-in', sigPath, '-content', contentPath, '-binary', '-noverify', '-out', '/dev/null']),
    ).not.toThrow();
    writeFileSync(contentPath, Buffer.concat([content, Buffer.from(' alterado')]));
    expect(() => openssl(['cms', '-verify', '-inform', 'DER', '-in', sigPath, '-content', contentPath, '-binary', '-noverify', '-out', '/dev/null'])).toThrow();
  });
});
