/**
 * The sync client's files beside the store (sync/state-files.ts), without a server: a folder synced
 * by the earlier one-file format keeps its outbox and numbering; a damaged or missing snapshot
 * costs only a fold of the journal, which numbers the same changes with the same ids; a damaged
 * state.json is refused in Spanish, touching nothing.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newId } from '../../src-shared/ids.js';
import type { Mutation } from '../../src-shared/sync/protocol.js';
import { defineMutation, Store } from '../../src-main/services/store/store.js';
import { SyncEngine } from '../../src-main/services/sync/engine.js';
import { StateFiles } from '../../src-main/services/sync/state-files.js';
import { tempDir } from '../support/temp.js';

const addPerson = defineMutation({
  name: 'test.addPerson',
  args: z.object({ name: z.string() }),
  apply(ctx, { name }) {
    return { puts: [{ collection: 'people', record: { id: newId(), title: 'LIC.', name, rfc: null, curp: null, email: null } }], result: () => undefined };
  },
});

const outboxOf = (engine: SyncEngine) => (engine as unknown as { outbox: Mutation[] }).outbox;
const settings = { clientId: 'c0123456789abcdef', server: 'http://127.0.0.1:9', username: 'sofia', commission: 'CMI', displayName: 'Sofía', lastSync: null, sealedRefresh: null, rejected: [] };

describe('sync state files', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: Store;
  beforeEach(async () => {
    dir = await tempDir();
    store = await Store.open(dir.path);
    await mkdir(join(dir.path, 'sync'), { recursive: true });
  });
  afterEach(async () => {
    await store.close();
    await dir.cleanup();
  });

  it('reads the earlier one-file state: the waiting outbox stays and numbering goes on from it', async () => {
    await store.mutate(addPerson, { name: 'ANA' }, 'secretaria');
    const waiting: Mutation = { type: 'put', collection: 'people', id: newId(), hlc: '1800000000000-0000-equipo', fields: { name: 'ESPERA' }, mutationId: 41 };
    const legacy = { format: 1, ...settings, cursor: 12, journalSeq: store.journalSeq, index: {}, nextMutationId: 42, outbox: [waiting] };
    await writeFile(join(dir.path, 'sync', 'state.json'), JSON.stringify(legacy));
    const engine = await SyncEngine.open(store);
    expect(engine.status()).toMatchObject({ configured: true, server: 'http://127.0.0.1:9', commission: 'CMI', pending: 1 });
    await store.mutate(addPerson, { name: 'BEATRIZ' }, 'secretaria');
    expect(outboxOf(engine).map((m) => m.mutationId)).toEqual([41, 42]);
    await engine.close();
    const snapshot = JSON.parse(await readFile(join(dir.path, 'sync', 'replica.json'), 'utf8')) as { nextMutationId: number; outbox: Mutation[] };
    expect(snapshot.nextMutationId).toBe(43);
    expect(snapshot.outbox).toHaveLength(2);
    // state.json is small now: no index, no outbox.
    const small = JSON.parse(await readFile(join(dir.path, 'sync', 'state.json'), 'utf8')) as Record<string, unknown>;
    expect(small.index).toBeUndefined();
    expect(small.outbox).toBeUndefined();
  });

  it('without its snapshot, or with a damaged one, folds the journal again into the same numbered changes', async () => {
    await writeFile(join(dir.path, 'sync', 'state.json'), JSON.stringify({ format: 2, ...settings, cursor: 0, uploaded: [] }));
    for (const name of ['ANA', 'BEATRIZ', 'CARLOS']) await store.mutate(addPerson, { name }, 'secretaria');
    const first = await SyncEngine.open(store);
    const numbered = outboxOf(first).map((m) => [m.mutationId, m.id]);
    expect(numbered).toHaveLength(3);
    await first.close();

    await rm(join(dir.path, 'sync', 'replica.json'));
    const second = await SyncEngine.open(store);
    expect(outboxOf(second).map((m) => [m.mutationId, m.id])).toEqual(numbered);
    await second.close();

    await writeFile(join(dir.path, 'sync', 'replica.json'), '{"journalSeq": 2, "ind');
    const third = await SyncEngine.open(store);
    expect(outboxOf(third).map((m) => [m.mutationId, m.id])).toEqual(numbered);
    await third.close();
  });

  it('keeps a refused signature\'s way back across a restart, dropping entries a hand-edited file spoiled', async () => {
    const way = {
      change: { type: 'sign', collection: 'documents', id: 'DOC1', hlc: '1800000000000-0000-equipo', box: 'm1', signatureId: 's', personId: 'p', data: { fields: { status: 'borrador' }, over: null }, seq: 0, clientId: 'servidor', account: 'servidor', at: '2026-12-01T00:00:00.000Z' },
      attempt: { memberId: 'm1', name: 'DRA. ANA', status: 'firmado' },
    };
    const spoiled = [null, 'x', { change: { ...way.change, type: 'put' }, attempt: way.attempt }, { change: { ...way.change, data: { fields: [] } }, attempt: way.attempt }, { change: way.change }];
    await writeFile(join(dir.path, 'sync', 'state.json'), JSON.stringify({ format: 2, ...settings, cursor: 0, uploaded: [], waysBack: [...spoiled, way] }));
    const loaded = await new StateFiles(dir.path).load();
    expect(loaded!.settings.waysBack).toEqual([way]);
    const engine = await SyncEngine.open(store);
    expect(engine.status().configured).toBe(true);
    await engine.close();
  });

  it('refuses a damaged state.json in Spanish and leaves it as it is', async () => {
    await writeFile(join(dir.path, 'sync', 'state.json'), '{"clientId": ');
    await expect(SyncEngine.open(store)).rejects.toThrow(/sync\/state.json\) está dañado/);
    expect(await readFile(join(dir.path, 'sync', 'state.json'), 'utf8')).toBe('{"clientId": ');
  });
});
