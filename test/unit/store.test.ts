import { readFile, readdir, rename, rm, stat, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src-main/services/demo/load-demo.js';
import { createSession, setSessionStatus } from '../../src-main/services/sessions/sessions.js';
import { Store } from '../../src-main/services/store/store.js';
import { tempDir } from '../support/temp.js';

const LOG = 'log-0000000001.jsonl';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

async function demoStore(): Promise<Store> {
  const store = await Store.open(dir.path);
  await store.mutate(loadDemo, {}, 'prueba');
  return store;
}

function newSessionArgs(store: Store) {
  const cmi = store.all('commissions').find((c) => c.acronym === 'CMI')!;
  return {
    commissionId: cmi.id,
    type: 'ordinaria' as const,
    date: '2023-10-30',
    modality: 'hibrida' as const,
    agenda: ['Lectura del proyecto de acta', 'Asuntos generales'],
  };
}

describe('durable store', () => {
  it('keeps a change after closing and reopening the data folder', async () => {
    const store = await demoStore();
    const created = await store.mutate(createSession, newSessionArgs(store), 'secretaria');
    await store.close();

    const again = await Store.open(dir.path);
    const found = again.get('sessions', created.id);
    expect(found?.key).toBe('IEM-CMI-SEORD-06/2023');
    expect(found?.agenda.map((a) => a.text)).toEqual(['Lectura del proyecto de acta', 'Asuntos generales']);
    await again.close();
  });

  it('numbers sessions per commission and year across types', async () => {
    const store = await demoStore();
    const args = newSessionArgs(store);
    const a = await store.mutate(createSession, args, 'secretaria');
    const b = await store.mutate(createSession, { ...args, type: 'extraordinaria_urgente' }, 'secretaria');
    const c = await store.mutate(createSession, { ...args, date: '2024-01-15' }, 'secretaria');
    expect([a.key, b.key, c.key]).toEqual(['IEM-CMI-SEORD-06/2023', 'IEM-CMI-SEXTU-07/2023', 'IEM-CMI-SEORD-01/2024']);
    await store.close();
  });

  it('commits a write to the journal alone; a checkpoint rewrites only the shard it touched', async () => {
    const store = await demoStore();
    await store.checkpoint();
    const mtimes = async () => {
      const out = new Map<string, number>();
      for (const c of await readdir(join(dir.path, 'data'))) {
        if (c.endsWith('.json')) continue;
        for (const f of await readdir(join(dir.path, 'data', c))) out.set(`${c}/${f}`, (await stat(join(dir.path, 'data', c, f))).mtimeMs);
      }
      return out;
    };
    const before = await mtimes();
    const journalBefore = (await stat(join(dir.path, 'audit', LOG))).size;
    await new Promise((r) => setTimeout(r, 20));
    const session = store.all('sessions')[0]!;
    await store.mutate(setSessionStatus, { id: session.id, status: 'cancelada' }, 'secretaria');
    const changed = async () => {
      const now = await mtimes();
      return [...before].filter(([f, m]) => now.get(f) !== m).map(([f]) => f);
    };
    expect(await changed()).toEqual([]);
    expect((await stat(join(dir.path, 'audit', LOG))).size).toBeGreaterThan(journalBefore);
    await store.checkpoint();
    expect(await changed()).toEqual(['sessions/2023.json']);
    expect(before.size).toBeGreaterThan(3);
    await store.close();
  });

  it('rejects invalid arguments with a Spanish message and stores nothing', async () => {
    const store = await demoStore();
    const count = store.count('sessions');
    await expect(store.mutate(createSession, { ...newSessionArgs(store), date: '2023-02-30' }, 'x')).rejects.toThrow(
      /Fecha inexistente/,
    );
    await expect(store.mutate(createSession, { ...newSessionArgs(store), agenda: [] }, 'x')).rejects.toThrow(
      /al menos un punto/,
    );
    expect(store.count('sessions')).toBe(count);
    expect((await store.verifyAudit()).entries).toBe(1);
    await store.close();
  });

  it('refuses a second process on the same data folder', async () => {
    const store = await demoStore();
    await writeFile(join(dir.path, 'sesiona.lock'), String(process.ppid));
    await expect(Store.open(dir.path)).rejects.toThrow(/en uso por otro proceso/);
    await store.close();
  });

  it('stores blobs by content and detects a damaged one', async () => {
    const store = await Store.open(dir.path);
    const sha = await store.blobs.put(Buffer.from('%PDF-1.7 prueba'));
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.blobs.get(sha)).toString()).toBe('%PDF-1.7 prueba');
    await writeFile(join(dir.path, 'blobs', sha), 'alterado');
    await expect(store.blobs.get(sha)).rejects.toThrow(/dañado/);
    await store.close();
  });

  it('refuses data written by a newer version', async () => {
    const store = await Store.open(dir.path);
    await store.close();
    const metaPath = join(dir.path, 'meta.json');
    const meta = JSON.parse(await readFile(metaPath, 'utf8')) as { schemaVersion: number };
    await writeFile(metaPath, JSON.stringify({ ...meta, schemaVersion: 99 }));
    await expect(Store.open(dir.path)).rejects.toThrow(/versión más reciente/);
  });
});

describe('a folder written by version 1 (one log file, shards rewritten on every write)', () => {
  it('opens with every record, its journal in segments and its check ok', async () => {
    const store = await demoStore();
    const created = await store.mutate(createSession, newSessionArgs(store), 'secretaria');
    await store.close();
    await rename(join(dir.path, 'audit', LOG), join(dir.path, 'audit', 'log.jsonl'));
    await rm(join(dir.path, 'data', 'checkpoint.json'));
    const metaPath = join(dir.path, 'meta.json');
    await writeFile(metaPath, JSON.stringify({ ...JSON.parse(await readFile(metaPath, 'utf8')), schemaVersion: 1 }));
    const again = await Store.open(dir.path);
    expect(again.schemaVersion).toBe(2);
    expect(again.get('sessions', created.id)?.key).toBe('IEM-CMI-SEORD-06/2023');
    expect(await again.verifyAudit()).toEqual({ ok: true, entries: 2 });
    await again.close();
    expect(await readdir(join(dir.path, 'audit'))).toContain(LOG);
  });
});

describe('audit log', () => {
  it('records who changed which record, chained by hash', async () => {
    const store = await demoStore();
    const created = await store.mutate(createSession, newSessionArgs(store), 'secretaria');
    const [last, first] = await store.auditEntries(10);
    expect(last).toMatchObject({ seq: 2, actor: 'secretaria', mutation: 'session.create' });
    expect(last!.records).toEqual([{ collection: 'sessions', id: created.id }]);
    expect(last!.prevHash).toBe(first!.hash);
    expect(await store.verifyAudit()).toEqual({ ok: true, entries: 2 });
    await store.close();
  });

  it('detects an edited entry', async () => {
    const store = await demoStore();
    await store.mutate(createSession, newSessionArgs(store), 'secretaria');
    await store.close();
    const path = join(dir.path, 'audit', LOG);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"actor":"secretaria"', '"actor":"otra persona"'));
    const again = await Store.open(dir.path);
    expect(await again.verifyAudit()).toMatchObject({ ok: false, entries: 2, brokenAt: 2 });
    await again.close();
  });

  it('drops a torn last line left by a crash and keeps every whole entry', async () => {
    const store = await demoStore();
    const created = await store.mutate(createSession, newSessionArgs(store), 'secretaria');
    await store.close();
    await appendFile(join(dir.path, 'audit', LOG), '{"seq":3,"at":"2023');
    const again = await Store.open(dir.path);
    expect(again.get('sessions', created.id)).toBeDefined();
    expect(await again.verifyAudit()).toEqual({ ok: true, entries: 2 });
    await again.mutate(setSessionStatus, { id: created.id, status: 'celebrada' }, 'secretaria');
    expect(await again.verifyAudit()).toEqual({ ok: true, entries: 3 });
    await again.close();
  });

  it('reapplies a journaled change whose shard write was lost', async () => {
    const store = await demoStore();
    const created = await store.mutate(createSession, newSessionArgs(store), 'secretaria');
    await store.close();
    // Simulate a crash after the journal append but before the shard rename.
    const shard = join(dir.path, 'data', 'sessions', '2023.json');
    const data = JSON.parse(await readFile(shard, 'utf8')) as { records: { id: string }[] };
    await writeFile(shard, JSON.stringify({ records: data.records.filter((r) => r.id !== created.id) }));
    const again = await Store.open(dir.path);
    expect(again.get('sessions', created.id)?.key).toBe('IEM-CMI-SEORD-06/2023');
    await again.close();
  });
});
