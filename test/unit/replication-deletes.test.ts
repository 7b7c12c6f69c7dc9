/**
 * Received deletions (store/replication.ts) without a server: a `delete` pulled for a record this
 * laptop holds hides it and says who deleted it; one for a record it never had is remembered, so
 * a put that arrives later (older or newer) does not create it; the cursor is committed with the
 * changes; and a local deletion leaves as a put of the tombstone plus a `delete`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newId } from '../../src-shared/ids.js';
import type { Change } from '../../src-shared/sync/protocol.js';
import { Replica, remoteMutation } from '../../src-main/services/store/replication.js';
import { defineMutation, Store } from '../../src-main/services/store/store.js';
import { tempDir } from '../support/temp.js';

const hlc = (ms: number) => `${String(1_800_000_000_000 + ms)}-0000-servidor`;
const person = (id: string, ms: number, name: string): Change => ({
  type: 'put', collection: 'people', id, hlc: hlc(ms), fields: { title: 'LIC.', name, rfc: null, curp: null, email: null },
  mutationId: ms, seq: ms, clientId: 'otro-equipo', account: 'sofia', at: '2026-12-01T10:00:00.000Z',
});
const deletion = (id: string, ms: number): Change => ({ type: 'delete', collection: 'people', id, hlc: hlc(ms), mutationId: ms, seq: ms, clientId: 'otro-equipo', account: 'sofia', at: '2026-12-01T11:00:00.000Z' });

const P1 = newId();
const P2 = newId();
const P3 = newId();

const removePerson = defineMutation({
  name: 'test.removePerson',
  args: z.object({ id: z.string() }),
  apply(ctx, { id }) {
    return { puts: [{ collection: 'people', record: { ...ctx.get('people', id)!, deleted: { at: '2026-12-01T12:00:00.000Z', by: 'secretaria', reason: 'Registro duplicado' } } }], result: () => undefined };
  },
});

describe('received deletions', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: Store;
  let replica: Replica;
  let outgoing: ReturnType<Replica['fold']>;
  beforeEach(async () => {
    dir = await tempDir();
    store = await Store.open(dir.path);
    replica = new Replica();
    outgoing = [];
    store.onCommit((entry) => outgoing.push(...replica.fold(entry)));
  });
  afterEach(async () => {
    await store.close();
    await dir.cleanup();
  });
  const pull = (changes: Change[], cursor: number) => store.mutate(remoteMutation(replica), { changes, cursor }, 'sincronización:sofia');

  it('hides a deleted record, says who deleted it, and commits the cursor with it', async () => {
    await pull([person(P1, 1, 'ANA')], 1);
    expect(store.get('people', P1)?.name).toBe('ANA');
    const outcome = await pull([deletion(P1, 2)], 2);
    expect(outcome.applied).toBe(1);
    expect(store.get('people', P1)).toBeUndefined();
    expect(store.all('people')).toHaveLength(0);
    expect(store.get('syncProgress', 'pull')?.cursor).toBe(2);
    const last = (await store.journalEntries()).at(-1)!;
    expect(last.changes!.find((c) => c.collection === 'people')!.record.deleted).toMatchObject({ by: 'sofia' });
    expect(last.changes!.some((c) => c.collection === 'syncProgress')).toBe(true);
    // A later put, older or newer, does not bring it back; nor does a second delete change anything.
    const late = await pull([person(P1, 1, 'ANA VIEJA'), person(P1, 50, 'ANA NUEVA'), deletion(P1, 60)], 5);
    expect(late.applied).toBe(0);
    expect(store.get('people', P1)).toBeUndefined();
    expect(outgoing).toEqual([]); // nothing received goes back to the server
  });

  it('remembers the deletion of a record it never had, across a reopen', async () => {
    await pull([deletion(P2, 3)], 3);
    expect(store.count('people')).toBe(0);
    // The index is a fold of the journal: a replica rebuilt from it knows the tombstone too.
    await store.close();
    store = await Store.open(dir.path);
    replica = new Replica();
    for (const entry of await store.journalAfter(0)) replica.fold(entry);
    const late = await pull([person(P2, 9, 'BEATRIZ'), person(P1, 9, 'OTRA PERSONA')], 9);
    expect(late.applied).toBe(1); // the same page creates a record that was never deleted
    expect(store.get('people', P1)?.name).toBe('OTRA PERSONA');
    expect(store.get('people', P2)).toBeUndefined();
    expect(store.count('people')).toBe(1);
  });

  it('sends a local deletion as a put of who, when and why, then a delete', async () => {
    await pull([person(P3, 1, 'CARLOS')], 1);
    await store.mutate(removePerson, { id: P3 }, 'secretaria');
    expect(outgoing.map((m) => m.type)).toEqual(['put', 'delete']);
    expect(outgoing[0]).toMatchObject({ collection: 'people', id: P3, fields: { deleted: { reason: 'Registro duplicado' } } });
    expect(outgoing[1]).toMatchObject({ collection: 'people', id: P3 });
  });
});
