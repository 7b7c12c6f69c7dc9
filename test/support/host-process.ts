import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/start-web.js', import.meta.url));

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  call<T = unknown>(name: string, args?: unknown): Promise<{ status: number; body: { ok: boolean; value?: T; error?: { code: string; message: string } } }>;
  stop(): Promise<void>;
}

/** Starts `npm run start:web` as a user would, and waits for the URL it prints. */
export async function startHostProcess(dataDir: string): Promise<HostProcess> {
  const child = spawn(process.execPath, [bin, '--data-dir', dataDir, '--no-open', '--port', '0'], {
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
