import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { openDatabase } from '../../src-server/db.js';
import { tempDir } from '../support/temp.js';
import { runCli, startServerProcess } from './processes.js';

function httpsJson(url: string, ca: Buffer, method = 'GET', body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

describe('sesiona server (command line)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let pw: string;
  const PERSON = '01M8SWQ33EMS7RYDAX119X6A4W';
  beforeAll(async () => {
    dir = await tempDir();
    pw = join(dir.path, 'pw');
    await writeFile(pw, 'contraseña de prueba\n');
  });
  afterAll(async () => {
    await dir.cleanup();
  });

  it('refuses bad arguments with an English message and exit code 2, creating nothing', async () => {
    const data = join(dir.path, 'refused');
    const cases: [string[], RegExp][] = [
      [['server', 'add-user', '--username', 'ana', '--password-file', pw, '--commission', 'CMI', '--role', 'jefa', '--data-dir', data], /--role must be one of presidencia, integrante, secretaria, personal, admin, revisor/],
      [['server', 'add-user', '--username', 'ana', '--password-file', pw, '--commission', 'CMI', '--role', 'revisor', '--data-dir', data], /--role revisor needs --office/],
      [['server', 'add-user', '--username', 'ana', '--password-file', pw, '--commission', 'CMI', '--role', 'secretaria', '--office', 'Oficina', '--data-dir', data], /--office goes only with --role revisor/],
      [['server', 'remove-user', '--username', 'ana', '--data-dir', data], /--commission must be an acronym/],
      [['server', 'add-user', '--username', 'Ana Pérez', '--password-file', pw, '--commission', 'CMI', '--role', 'secretaria', '--data-dir', data], /--username must be/],
      [['server', 'add-user', '--username', 'ana', '--password-file', pw, '--commission', 'cmi', '--role', 'secretaria', '--data-dir', data], /--commission must be an acronym/],
      [['server', 'add-user', '--username', 'ana', '--commission', 'CMI', '--role', 'secretaria', '--data-dir', data], /missing --password-file/],
      [['server', 'add-user', '--username', 'ana', '--password-file', join(dir.path, 'none'), '--commission', 'CMI', '--role', 'secretaria', '--data-dir', data], /cannot read --password-file/],
      [['server', 'start', '--port', '0', '--database-url', 'postgres://x', '--data-dir', data], /either --database-url or --data-dir/],
      [['server', 'start', '--port', 'many', '--data-dir', data], /--port must be a number/],
      [['server', 'start', '--port', '0', '--tls-cert', pw, '--data-dir', data], /--tls-cert and --tls-key go together/],
      [['server', 'start', '--port', '0', '--database-url', 'mysql://x'], /must start with postgres:\/\//],
      [['server', 'add-user', '--username', 'ana', '--password-file', pw, '--commission', 'CMI', '--role', 'integrante', '--person', 'Ana Pérez', '--data-dir', data], /--person must be the person's id in the app/],
      [['server', 'stop'], /server needs one of: start, add-user, disable-user, enable-user, remove-user/],
    ];
    for (const [args, message] of cases) {
      const err: string[] = [];
      const code = await main(args, { out: () => undefined, err: (t) => err.push(t), stdin: async () => '' });
      expect(code, args.join(' ')).toBe(2);
      expect(err.join('\n'), args.join(' ')).toMatch(message);
    }
    await expect(readFile(join(data, 'PG_VERSION'))).rejects.toThrow();
  });

  it('adds a revisor with its office, disables, enables and removes accounts', async () => {
    const data = join(dir.path, 'accounts-data');
    const run = async (args: string[]) => {
      const err: string[] = [];
      const code = await main(['server', ...args, '--data-dir', data], { out: () => undefined, err: (t) => err.push(t), stdin: async () => '' });
      return { code, err: err.join('\n') };
    };
    expect(await run(['add-user', '--username', 'oficina-ana', '--password-file', pw, '--commission', 'CMI', '--role', 'revisor', '--office', 'Oficina de la Consejera Ana'])).toEqual({
      code: 0,
      err: 'created account oficina-ana: revisor in CMI for Oficina de la Consejera Ana',
    });
    expect(await run(['disable-user', '--username', 'oficina-ana'])).toEqual({ code: 0, err: 'disabled account oficina-ana' });
    expect(await run(['enable-user', '--username', 'oficina-ana'])).toEqual({ code: 0, err: 'enabled account oficina-ana' });
    expect(await run(['remove-user', '--username', 'oficina-ana', '--commission', 'CMI'])).toEqual({ code: 0, err: 'removed account oficina-ana' });
    expect(await run(['remove-user', '--username', 'oficina-ana', '--commission', 'CMI'])).toEqual({ code: 1, err: 'error: no account oficina-ana in CMI' });
    expect(await run(['disable-user', '--username', 'nadie'])).toEqual({ code: 1, err: 'error: no account nadie' });
    const db = await openDatabase({ dataDir: data });
    try {
      const { rows } = await db.query<{ action: string }>("SELECT action FROM audit WHERE target = 'oficina-ana' ORDER BY id");
      expect(rows.map((r) => r.action)).toEqual(['account.create', 'account.disable', 'account.enable', 'account.remove']);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('adds an account to an embedded (PGlite) data folder and serves it over TLS', async () => {
    const data = join(dir.path, 'server-data');
    const added = await runCli(['server', 'add-user', '--username', 'sofia', '--password-file', pw, '--commission', 'CMI', '--role', 'secretaria', '--person', PERSON, '--data-dir', data]);
    expect(added.stderr).toMatch(/created account sofia/);
    const key = join(dir.path, 'key.pem');
    const cert = join(dir.path, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
    const server = await startServerProcess(['--data-dir', data, '--tls-cert', cert, '--tls-key', key]);
    try {
      expect(server.url).toMatch(/^https:/);
      const ca = await readFile(cert);
      expect(await httpsJson(`${server.url}/health`, ca)).toEqual({ status: 200, json: { status: 'ok', database: 'pglite', subscribers: 0 } });
      const login = await httpsJson(`${server.url}/v1/auth/login`, ca, 'POST', { username: 'sofia', password: 'contraseña de prueba' });
      expect(login.status).toBe(200);
      // The account names the app's person id, so her signatures are hers on every laptop.
      expect(login.json.account).toMatchObject({ username: 'sofia', personId: PERSON, memberships: [{ commission: 'CMI', role: 'secretaria' }] });
      // Structured logs: one JSON object per line, with no secrets in them.
      const lines = server.output().split('\n').filter((l) => l.startsWith('{'));
      expect(lines.length).toBeGreaterThan(2);
      for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
      expect(server.output()).not.toContain('contraseña de prueba');
      expect(server.output()).not.toContain(String(login.json.accessToken));
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    // Two CLI processes each start PGlite (WASM): a minute on a loaded 2-core machine.
  }, 180_000);
});
