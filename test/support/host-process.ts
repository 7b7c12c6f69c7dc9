import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const bin = fileURLToPath(new URL('../../bin/start-web.js', import.meta.url));
const cli = fileURLToPath(new URL('../../bin/sesiona.js', import.meta.url));

/** The account most end-to-end tests start signed in as (`--user`), created with `sesiona users add`. */
export const E2E_ADMIN = { username: 'e2e-admin', password: 'clave-de-pruebas-e2e' };

/** Runs the `sesiona` command as a script would; rejects with its stderr on a non-zero exit. */
export async function sesiona(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args], { env: { ...process.env, NODE_ENV: 'production' } });
  return stdout;
}

async function ensureAdmin(dataDir: string): Promise<string> {
  const file = join(tmpdir(), `sesiona-e2e-admin-${process.pid}`);
  await writeFile(file, `${E2E_ADMIN.password}\n`, { mode: 0o600 });
  // On a restart the account is already there: "already exists" is fine.
  await sesiona(['users', 'add', '--data-dir', dataDir, '--username', E2E_ADMIN.username, '--password-file', file, '--role', 'admin']).catch((e: { stderr?: string }) => {
    if (!/ya existe/.test(e.stderr ?? '')) throw e;
  });
  return file;
}

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  call<T = unknown>(name: string, args?: unknown): Promise<{ status: number; body: { ok: boolean; value?: T; error?: { code: string; message: string } } }>;
  stop(): Promise<void>;
}

/**
 * Starts `npm run start:web` as a user would, and waits for the URL it prints. By default it
 * starts signed in as E2E_ADMIN (`--user U --password-file F`); `{ signedIn: false }` leaves
 * the sign-in screen to the test.
 */
export async function startHostProcess(dataDir: string, options: { signedIn?: boolean } = {}): Promise<HostProcess> {
  const user = options.signedIn === false ? [] : ['--user', E2E_ADMIN.username, '--password-file', await ensureAdmin(dataDir)];
  const child = spawn(process.execPath, [bin, '--data-dir', dataDir, '--no-open', '--port', '0', ...user], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Abra: (http:\/\/127\.0\.0\.1:\d+\/app\/#token=[\w-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.hash.slice('#token='.length);
  return {
    url,
    origin: parsed.origin,
    token,
    child,
    async call(name, args = {}) {
      const res = await fetch(`${parsed.origin}/api/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
