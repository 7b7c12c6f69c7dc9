/**
 * Killing `sesiona sync` mid-round loses nothing and applies nothing twice: the laptop that
 * pushes is killed (SIGKILL) after part of its outbox reached the server, the laptop that pulls
 * is killed after part of the changes were merged; a second round completes both, and every
 * record arrives exactly once.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApp } from '../../src-main/services/app/open-app.js';
import { defineMutation, type Put } from '../../src-main/services/store/store.js';
import type { Database } from '../../src-server/db.js';
import { tempDir } from '../support/temp.js';
import { openBackend, PASSWORD, startTestServer, type TestServer } from './harness.js';

const cli = fileURLToPath(new URL('../../bin/sesiona.js', import.meta.url));
// Three pushes and three pulled pages (1,000 each): room to be killed between two of them.
const PEOPLE = 2500;

const addPeople = defineMutation({
  name: 'test.addPeople',
  args: z.object({ n: z.number() }),
  apply(ctx, { n }) {
    const puts: Put[] = [];
    for (let i = 0; i < n; i++) puts.push({ collection: 'people', record: { id: ctx.newId(), title: 'LIC.', name: `PERSONA DE PRUEBA ${i}`, rfc: null, curp: null, email: null } });
    return { puts, result: () => undefined };
  },
});

/** Runs `sesiona sync`; `killWhen` is polled and the process is SIGKILLed once it holds. */
function sync(dataDir: string, server: string, pw: string, killWhen?: () => Promise<boolean>): Promise<{ code: number | null; signal: string | null; out: string }> {
  const child = spawn(process.execPath, [cli, 'sync', '--data-dir', dataDir, '--server', server, '--username', 'secretaria', '--password-file', pw], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  let watching = Boolean(killWhen);
  const watch = async () => {
    while (watching) {
      if (await killWhen!().catch(() => false)) {
        child.kill('SIGKILL');
        return;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  void watch();
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      watching = false;
      resolve({ code, signal, out });
    }),
  );
}

describe('killing sesiona sync mid-round (PostgreSQL)', () => {
  let db: Database;
  let server: TestServer;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    db = await openBackend('postgres');
    server = await startTestServer(db);
    await server.user('secretaria', 'CMI', 'secretaria');
    dir = await tempDir();
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await dir?.cleanup();
  });

  it('loses nothing and applies nothing twice', async () => {
    const pw = join(dir.path, 'pw');
    await writeFile(pw, `${PASSWORD}\n`);
    const a = join(dir.path, 'a');
    const b = join(dir.path, 'b');
    const app = await openApp({ dataDir: a, host: 'cli', demo: false });
    await app.store.mutate(addPeople, { n: PEOPLE }, 'secretaria');
    await app.close();

    const stored = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM changes WHERE collection = 'people'")).rows[0]!.n;
    const cut = await sync(a, server.url, pw, async () => (await stored()) > 0);
    expect(cut.signal).toBe('SIGKILL');
    const partial = await stored();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(PEOPLE);

    const resumed = await sync(a, server.url, pw);
    expect(resumed.code, resumed.out).toBe(0);
    expect(await stored()).toBe(PEOPLE); // each person once: the retried batch was recognised
    const { rows } = await db.query<{ n: number }>('SELECT count(DISTINCT (client_id, mutation_id))::int AS n FROM changes');
    expect(rows[0]!.n).toBe(PEOPLE);

    // The pulling laptop is killed once its first page is merged (the cursor is saved after each).
    const cursor = async () => (JSON.parse(await readFile(join(b, 'sync', 'state.json'), 'utf8')) as { cursor: number }).cursor;
    const cutPull = await sync(b, server.url, pw, async () => (await cursor()) > 0);
    expect(cutPull.signal).toBe('SIGKILL');
    const done = await sync(b, server.url, pw);
    expect(done.code, done.out).toBe(0);
    const check = await openApp({ dataDir: b, host: 'cli', demo: false });
    try {
      const names = check.store.all('people').map((p) => p.name);
      expect(names).toHaveLength(PEOPLE);
      expect(new Set(names).size).toBe(PEOPLE);
      expect((await check.store.verifyAudit()).ok).toBe(true);
    } finally {
      await check.close();
    }

    // Again, now that each laptop has a saved snapshot of its sync state to resume from: the
    // pusher folds only what came after it and numbers it as the killed run did.
    const again = await openApp({ dataDir: a, host: 'cli', demo: false });
    await again.store.mutate(addPeople, { n: PEOPLE }, 'secretaria');
    await again.close();
    const cut2 = await sync(a, server.url, pw, async () => (await stored()) > PEOPLE);
    expect(cut2.signal).toBe('SIGKILL');
    expect(await stored()).toBeLessThan(2 * PEOPLE);
    const resumed2 = await sync(a, server.url, pw);
    expect(resumed2.code, resumed2.out).toBe(0);
    expect(await stored()).toBe(2 * PEOPLE);
    const distinct = await db.query<{ n: number }>('SELECT count(DISTINCT (client_id, mutation_id))::int AS n FROM changes');
    expect(distinct.rows[0]!.n).toBe(2 * PEOPLE);

    const before = await cursor();
    const cutPull2 = await sync(b, server.url, pw, async () => (await cursor()) > before);
    expect(cutPull2.signal).toBe('SIGKILL');
    const done2 = await sync(b, server.url, pw);
    expect(done2.code, done2.out).toBe(0);
    const final = await openApp({ dataDir: b, host: 'cli', demo: false });
    try {
      expect(final.store.count('people')).toBe(2 * PEOPLE);
      // The cursor journaled with the last merged page is the server's newest change.
      const newest = await db.query<{ n: number }>('SELECT max(seq)::int AS n FROM changes');
      expect(final.store.get('syncProgress', 'pull')?.cursor).toBe(newest.rows[0]!.n);
      expect((await final.store.verifyAudit()).ok).toBe(true);
    } finally {
      await final.close();
    }
  }, 300_000);
});
