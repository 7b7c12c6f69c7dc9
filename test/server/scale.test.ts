import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LoginResponse, PushResponse } from '../../src-shared/sync/protocol.js';
import { createDatabase } from '../support/postgres.js';
import { tempDir } from '../support/temp.js';
import { call, hlc, openEvents, put } from './harness.js';
import { runCli, startServerProcess, type ServerProcess } from './processes.js';

describe('two server processes on one PostgreSQL', () => {
  let databaseUrl: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let sofia: LoginResponse;

  beforeAll(async () => {
    databaseUrl = await createDatabase(inject('postgresUrl'));
    dir = await tempDir();
    const pw = join(dir.path, 'pw');
    await writeFile(pw, 'una contraseña larga\n');
    const added = await runCli(['server', 'add-user', '--username', 'sofia', '--password-file', pw, '--commission', 'CMI', '--role', 'secretaria', '--database-url', databaseUrl]);
    expect(added.stderr).toMatch(/created account sofia: secretaria in CMI/);
    expect(added.code).toBe(0);
    // Both start at once against a fresh database: the migrations must not race.
    [a, b] = await Promise.all([startServerProcess(['--database-url', databaseUrl]), startServerProcess(['--database-url', databaseUrl])]);
    const login = await call(a, 'POST', '/v1/auth/login', undefined, { username: 'sofia', password: 'una contraseña larga' });
    expect(login.status).toBe(200);
    sofia = login.json as unknown as LoginResponse;
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await dir?.cleanup();
  });

  it('accepts on one process a token issued by the other (no session in the process)', async () => {
    expect((await call(b, 'GET', '/v1/commissions/CMI/changes', sofia.accessToken)).status).toBe(200);
  });

  it('fans a change pushed through one process out to event streams on both', async () => {
    const onA = await openEvents(a, 'CMI', sofia.accessToken);
    const onB = await openEvents(b, 'CMI', sofia.accessToken);
    await onA.waitFor((e) => e.event === 'hello');
    await onB.waitFor((e) => e.event === 'hello');
    const res = (await call(b, 'POST', '/v1/commissions/CMI/push', sofia.accessToken, { clientId: 'laptop-fanout', mutations: [put(1, 'f1', { a: 1 }, hlc(1))] })).json as unknown as PushResponse;
    expect((await onA.waitFor((e) => e.event === 'changes')).data).toEqual({ cursor: res.cursor });
    expect((await onB.waitFor((e) => e.event === 'changes')).data).toEqual({ cursor: res.cursor });
    await onA.close();
    await onB.close();
  });

  it('applies exactly once what 20 clients push through both processes at once, retries included', async () => {
    const clients = Array.from({ length: 20 }, (_, c) => `laptop-scale-${c}`);
    const batches = clients.flatMap((clientId, c) =>
      Array.from({ length: 5 }, (_, k) => ({ clientId, mutations: Array.from({ length: 10 }, (_, i) => put(k * 10 + i + 1, `r${c}-${k}-${i}`, { n: i }, hlc(10_000 + i))) })),
    );
    const send = (batch: (typeof batches)[number], i: number) => call(i % 2 ? a : b, 'POST', '/v1/commissions/CMI/push', sofia.accessToken, batch);
    // Every batch twice, through different processes, all in flight together.
    const results = await Promise.all([...batches.map(send), ...batches.map((batch, i) => send(batch, i + 1))]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    const { changes } = (await call(a, 'GET', '/v1/commissions/CMI/changes?since=0&limit=5000', sofia.accessToken)).json as unknown as { changes: { clientId: string; mutationId: number; seq: number }[] };
    const mine = changes.filter((c) => c.clientId.startsWith('laptop-scale-'));
    expect(mine).toHaveLength(20 * 50);
    expect(new Set(mine.map((c) => `${c.clientId}/${c.mutationId}`)).size).toBe(1000);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('loses nothing and doubles nothing when a process is killed mid-push and the client retries on the other', async () => {
    const batches = Array.from({ length: 10 }, (_, c) => ({ clientId: `laptop-kill-${c}`, mutations: Array.from({ length: 50 }, (_, i) => put(i + 1, `k${c}-${i}`, { i }, hlc(20_000 + i))) }));
    const victim = await startServerProcess(['--database-url', databaseUrl]);
    const inFlight = batches.map((batch) => call(victim, 'POST', '/v1/commissions/CMI/push', sofia.accessToken, batch).catch(() => ({ status: 0 })));
    await new Promise((r) => setTimeout(r, 30));
    await victim.stop('SIGKILL');
    await Promise.all(inFlight);
    const retried = await Promise.all(batches.map((batch) => call(b, 'POST', '/v1/commissions/CMI/push', sofia.accessToken, batch)));
    expect(retried.every((r) => r.status === 200)).toBe(true);
    const { changes } = (await call(a, 'GET', '/v1/commissions/CMI/changes?since=0&limit=5000', sofia.accessToken)).json as unknown as { changes: { clientId: string; mutationId: number }[] };
    const mine = changes.filter((c) => c.clientId.startsWith('laptop-kill-'));
    expect(mine).toHaveLength(500);
    expect(new Set(mine.map((c) => `${c.clientId}/${c.mutationId}`)).size).toBe(500);
  });

  it('answers /health on both, naming the engine', async () => {
    for (const p of [a, b]) expect((await call(p, 'GET', '/health')).json).toMatchObject({ status: 'ok', database: 'postgres' });
  });
});
