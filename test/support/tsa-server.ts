/**
 * A local RFC 3161 time-stamping authority for tests: a node:http server on 127.0.0.1 that
 * answers each TimeStampReq with `openssl ts -reply`, signed by the test PKI's TSA certificate.
 * Never listens on anything but loopback.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestPki } from './pdfsign-certs.js';

const run = promisify(execFile);

/**
 * - `grant`: a normal token;
 * - `reject`: openssl configured to accept only SHA-512 imprints, so it answers "rejection"
 *   with failInfo badAlg;
 * - `replay`: the first response it ever produced, whatever is asked (wrong nonce and imprint);
 * - `http500`: an HTTP 500 with no body.
 */
export type TsaMode = 'grant' | 'reject' | 'replay' | 'http500';

export interface LocalTsa {
  url: string;
  mode: TsaMode;
  /** Requests received, DER. */
  requests: Buffer[];
  close(): Promise<void>;
}

function config(dir: string, name: string, digests: string): string {
  return [
    '[ tsa ]',
    `default_tsa = ${name}`,
    `[ ${name} ]`,
    `serial = ${join(dir, 'tsaserial')}`,
    'crypto_device = builtin',
    'signer_digest = sha256',
    'default_policy = 1.2.3.4.1',
    `digests = ${digests}`,
    'accuracy = secs:1',
    'ordering = no',
    'tsa_name = no',
    'ess_cert_id_chain = no',
    'ess_cert_id_alg = sha256',
    '',
  ].join('\n');
}

/** Starts a TSA in `dir` (a temp folder the caller removes). */
export async function startLocalTsa(pki: TestPki, dir: string, mode: TsaMode = 'grant'): Promise<LocalTsa> {
  await writeFile(join(dir, 'tsa.crt'), pki.tsa.certificatePem);
  await writeFile(join(dir, 'tsa.key'), pki.tsa.privateKeyPem);
  await writeFile(join(dir, 'ca.pem'), pki.ca.certificatePem);
  await writeFile(join(dir, 'tsaserial'), '01\n');
  await writeFile(join(dir, 'ts.cnf'), config(dir, 'tsa_config1', 'sha256, sha384, sha512'));
  await writeFile(join(dir, 'ts-reject.cnf'), config(dir, 'tsa_config1', 'sha512'));

  let counter = 0;
  let first: Buffer | undefined;
  const requests: Buffer[] = [];
  const state = { mode };

  const reply = async (query: Buffer): Promise<Buffer> => {
    const n = ++counter;
    const queryFile = join(dir, `req-${n}.tsq`);
    const outFile = join(dir, `resp-${n}.tsr`);
    await writeFile(queryFile, query);
    const cnf = join(dir, state.mode === 'reject' ? 'ts-reject.cnf' : 'ts.cnf');
    // openssl exits 1 when it had to build a rejection response, but still writes it.
    await run('openssl', ['ts', '-reply', '-queryfile', queryFile, '-inkey', join(dir, 'tsa.key'), '-signer', join(dir, 'tsa.crt'), '-chain', join(dir, 'ca.pem'), '-config', cnf, '-out', outFile]).catch(() => undefined);
    return readFile(outFile);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const query = Buffer.concat(chunks);
      requests.push(query);
      if (state.mode === 'http500') {
        res.writeHead(500).end();
        return;
      }
      (async () => {
        let answer = state.mode === 'replay' && first ? first : await reply(query);
        first ??= answer;
        if (state.mode === 'replay' && answer !== first) answer = first;
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply', 'Content-Length': answer.length }).end(answer);
      })().catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    get mode() {
      return state.mode;
    },
    set mode(value: TsaMode) {
      state.mode = value;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
