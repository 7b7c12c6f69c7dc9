/**
 * Independent checks of signed PDFs with the system's tools (poppler's pdfsig, qpdf, OpenSSL),
 * and helpers that deliberately do NOT use the code under test to find signatures.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPki } from './pdfsign-certs.js';

export interface ToolRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tool(command: string, args: string[], input?: Buffer): ToolRun {
  const run = spawnSync(command, args, { input, encoding: 'buffer', timeout: 60_000 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout.toString('utf8'), stderr: run.stderr.toString('utf8') };
}

/** pdfsig's "Signature Validation" verdict for every signature, in file order. */
export function pdfsigVerdicts(path: string): string[] {
  const run = tool('/usr/bin/pdfsig', [path]);
  return [...run.stdout.matchAll(/Signature Validation: (.+)/g)].map((m) => (m[1] as string).trim());
}

export function qpdfCheck(path: string): ToolRun {
  return tool('/usr/bin/qpdf', ['--check', path]);
}

export interface RawSignature {
  byteRange: [number, number, number, number];
  cms: Buffer;
  signedContent: Buffer;
}

/** Signatures found by scanning for /ByteRange, the way a forensic reader would. */
export function rawSignatures(pdf: Buffer): RawSignature[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => {
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const hex = text.slice(b + 1, c - 1);
    const padded = Buffer.from(hex, 'hex');
    // DER length of the outer SEQUENCE tells where the zero padding starts.
    const lenByte = padded[1] as number;
    const headerLength = lenByte & 0x80 ? 2 + (lenByte & 0x7f) : 2;
    let length = lenByte;
    if (lenByte & 0x80) {
      length = 0;
      for (let i = 0; i < (lenByte & 0x7f); i++) length = length * 256 + (padded[2 + i] as number);
    }
    return {
      byteRange: [a, b, c, d],
      cms: padded.subarray(0, headerLength + length),
      signedContent: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
    };
  });
}

export function opensslCmsPrint(cmsPath: string): ToolRun {
  return tool('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cmsPath]);
}

export function opensslCmsVerify(cmsPath: string, contentPath: string, caPath: string): ToolRun {
  return tool('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsPath, '-content', contentPath, '-CAfile', caPath, '-purpose', 'any', '-out', '/dev/null']);
}

/** An RFC 3161 token from `openssl ts` acting as the test TSA, stamped over `data`. */
export function opensslTimestamp(pki: TestPki, dir: string, data: Buffer): Buffer {
  return opensslTimestampForDigest(pki, dir, createHash('sha256').update(data).digest());
}

/** The same, given the SHA-256 to stamp (a document timestamp's /ByteRange digest). */
export function opensslTimestampForDigest(pki: TestPki, dir: string, sha256: Buffer): Buffer {
  writeFileSync(join(dir, 'tsa.pem'), pki.tsa.certificatePem);
  writeFileSync(join(dir, 'tsa.key'), pki.tsa.privateKeyPem);
  writeFileSync(join(dir, 'ca.pem'), pki.ca.certificatePem);
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `serial = ${join(dir, 'tsaserial')}`,
      'crypto_device = builtin',
      `signer_cert = ${join(dir, 'tsa.pem')}`,
      `certs = ${join(dir, 'ca.pem')}`,
      `signer_key = ${join(dir, 'tsa.key')}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  const digest = sha256.toString('hex');
  const query = tool('openssl', ['ts', '-query', '-digest', digest, '-sha256', '-cert', '-out', join(dir, 'req.tsq')]);
  if (query.status !== 0) throw new Error(query.stderr);
  const reply = tool('openssl', ['ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', join(dir, 'req.tsq'), '-token_out', '-out', join(dir, 'token.der')]);
  if (reply.status !== 0) throw new Error(reply.stderr);
  return readFileSync(join(dir, 'token.der'));
}
