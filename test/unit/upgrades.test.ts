// One-time data steps at open (the seat-period conversion, the programa retyping) run until they
// are recorded in the folder, in the same journal entry as their changes; then never scan again.
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openApp, type OpenedApp } from '../../src-main/services/app/open-app.js';
import { unifySeatPeriods } from '../../src-main/services/people/people.js';
import { createProgramaDocument, retypeProgramas } from '../../src-main/services/reports/documents.js';
import { Store } from '../../src-main/services/store/store.js';
import { runUpgrades } from '../../src-main/services/store/upgrades.js';
import { newId } from '../../src-shared/ids.js';
import { tempDir } from '../support/temp.js';
import { forgetUpgrades, storeAsOldVersion } from '../support/upgrades.js';

const STEPS = [unifySeatPeriods, retypeProgramas];
let dir: Awaited<ReturnType<typeof tempDir>>;
let app: OpenedApp | undefined;

beforeEach(async () => {
  dir = await tempDir('sesiona-upgrades-');
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  vi.restoreAllMocks();
  await dir.cleanup();
});


/** How many times the steps read whole collections while they run. */
async function scansDuring(store: Store, work: () => Promise<unknown>): Promise<number> {
  const all = vi.spyOn(store, 'all');
  await work();
  const scans = all.mock.calls.filter(([c]) => c === 'commissions' || c === 'documents').length;
  all.mockRestore();
  return scans;
}

/** A demo folder holding a programa as an earlier version kept it (kind "informe", no step recorded). */
async function earlierVersionFolder(data: string): Promise<string> {
  app = await openApp({ dataDir: data, host: 'cli', actor: 'secretaria' });
  const programa = await createProgramaDocument(app.store, { commission: 'CVSPE', year: 2020 }, 'secretaria', newId);
  await app.store.mutate(storeAsOldVersion, { id: programa.id }, 'sistema');
  await app.store.mutate(forgetUpgrades, {}, 'sistema');
  await app.close();
  app = undefined;
  return programa.id;
}

describe('one-time steps at open', () => {
  it('are recorded on the first open of a demo folder and read no records on later opens', async () => {
    app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria' });
    expect(app.store.all('upgrades').map((m) => [m.id, m.changed])).toEqual([
      ['seats.unifyPeriods', 0],
      ['documents.retypeProgramas', 0],
      ['guidelines.reviewRecords', 0],
    ]);
    await app.close();

    app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria' });
    const store = app.store;
    const before = (await store.auditEntries(1))[0]!.seq;
    expect(await scansDuring(store, () => runUpgrades(store, STEPS, 'sistema'))).toBe(0);
    expect((await store.auditEntries(1))[0]!.seq).toBe(before);
    // The same steps, unrecorded, do read the commissions and the documents: the count above can see a scan.
    await store.mutate(forgetUpgrades, {}, 'sistema');
    expect(await scansDuring(store, () => runUpgrades(store, STEPS, 'sistema'))).toBeGreaterThanOrEqual(2);
  });

  it('run once when called many times at once', async () => {
    const id = await earlierVersionFolder(dir.path);
    const store = await Store.open(dir.path);
    try {
      const runs = await Promise.all(Array.from({ length: 20 }, () => runUpgrades(store, STEPS, 'sistema')));
      expect(runs.reduce((n, r) => n + (r['documents.retypeProgramas'] ?? 0), 0)).toBe(1);
      expect(store.get('documents', id)!.kind).toBe('programa');
      const log = await store.auditEntries(100);
      const since = log.slice(0, log.findIndex((e) => e.mutation === 'test.forgetUpgrades'));
      expect(since.map((e) => e.mutation).sort()).toEqual(['documents.retypeProgramas', 'seats.unifyPeriods']);
    } finally {
      await store.close();
    }
  });

  it('run again after a crash that tore their journal entry, and only then are recorded', async () => {
    const data = join(dir.path, 'datos');
    const id = await earlierVersionFolder(data);
    app = await openApp({ dataDir: data, host: 'cli', actor: 'secretaria' });
    expect(app.store.get('documents', id)!.kind).toBe('programa');

    // The disk as a crash would leave it while the step's entry was being appended: the app still
    // open (no checkpoint since), its lock stale, the entry's line cut short.
    const crashed = join(dir.path, 'tras-el-fallo');
    await cp(data, crashed, { recursive: true });
    await rm(join(crashed, 'sesiona.lock'), { force: true });
    const segments = (await readdir(join(crashed, 'audit'))).filter((f) => f.endsWith('.jsonl')).sort();
    const last = join(crashed, 'audit', segments.at(-1)!);
    const lines = (await readFile(last, 'utf8')).trimEnd().split('\n');
    // Later steps' entries (markers only, nothing to change) follow it; the crash cut this one.
    const at = lines.findIndex((l) => (JSON.parse(l) as { mutation: string }).mutation === 'documents.retypeProgramas');
    const entry = JSON.parse(lines[at]!) as { mutation: string; changes: { collection: string }[] };
    // The change and its marker travel in this one entry: a crash keeps both or neither.
    expect(entry.changes.map((c) => c.collection)).toEqual(['documents', 'upgrades']);
    await writeFile(last, [...lines.slice(0, at), lines[at]!.slice(0, -40)].join('\n'));

    const reopened = await openApp({ dataDir: crashed, host: 'cli', actor: 'secretaria' });
    try {
      expect(reopened.store.get('documents', id)!.kind).toBe('programa');
      expect(reopened.store.get('upgrades', 'documents.retypeProgramas')).toMatchObject({ changed: 1 });
      const log = await reopened.store.auditEntries(100);
      const since = log.slice(0, log.findIndex((e) => e.mutation === 'test.forgetUpgrades'));
      expect(since.filter((e) => e.mutation === 'documents.retypeProgramas')).toHaveLength(1);
      expect((await reopened.store.verifyAudit()).ok).toBe(true);
    } finally {
      await reopened.close();
    }
  });
});
