/**
 * Deletions and blobs between two data folders ("two laptops") through one server, on
 * PostgreSQL and on PGlite. What a user would notice: a draft deleted on one laptop leaves the
 * other's lists too, and an edit made there offline before the deletion arrived does not bring
 * it back anywhere; an evidence image added on one laptop is on the other with the same bytes,
 * a damaged copy from the server is refused and not kept, and a push cut midway uploads no
 * image twice.
 */
import { readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makePng } from '../support/images.js';
import { BACKENDS, PASSWORD } from './harness.js';
import { laptop, twoLaptops, type Office } from './laptop.js';

/** Counts the blob uploads (PUT …/blobs/…) made while `fn` runs; `cutPush` makes every push fail as if the network dropped. */
async function watchingUploads<T>(fn: () => Promise<T>, cutPush = false): Promise<{ uploads: string[]; result: T | Error }> {
  const realFetch = globalThis.fetch;
  const uploads: string[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (init?.method === 'PUT' && url.includes('/blobs/')) uploads.push(url.slice(-64));
    if (cutPush && url.endsWith('/push')) throw new TypeError('fetch failed');
    return realFetch(input, init);
  });
  try {
    return { uploads, result: await fn().catch((e: Error) => e) };
  } finally {
    spy.mockRestore();
  }
}

const evidence = (activity: { progress: { period: number; evidence: string[] }[] } | undefined, period: number) => activity?.progress.find((p) => p.period === period)?.evidence ?? [];

describe.each(BACKENDS)('deletions and blobs between two laptops on %s', (backend) => {
  // Filled in before the tests run: the server and the two laptops.
  const o = {} as Office;
  beforeAll(async () => {
    Object.assign(o, await twoLaptops(backend));
    for (const l of [o.a, o.b]) await l.call('sync.now', {});
  }, 120_000);
  afterAll(() => o.close?.());

  it('a draft deleted on one laptop is gone on the other, and an older offline edit brings it back nowhere', async () => {
    const cmi = o.a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const kept = await o.a.call('guidelines.create', { commissionId: cmi.id, title: 'Lineamiento que se queda' });
    const doomed = await o.a.call('guidelines.create', { commissionId: cmi.id, title: 'Lineamiento que se elimina' });
    await o.a.call('sync.now', {});
    await o.b.call('sync.now', {});
    expect((await o.b.call('guidelines.list', {})).map((g) => g.title)).toEqual(expect.arrayContaining(['Lineamiento que se queda', 'Lineamiento que se elimina']));

    // Offline on B, a comment on the guideline and a sentence in its text; then A deletes it.
    await o.b.call('guidelines.comment', { id: doomed.id, text: 'Comentario escrito sin conexión.' });
    const state = await o.b.call('drafts.get', { id: doomed.draftId });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(state.state, 'base64'));
    const sv = Y.encodeStateVector(doc);
    doc.getText('prueba').insert(0, 'Párrafo escrito sin conexión.');
    const typed = Buffer.from(Y.encodeStateAsUpdate(doc, sv)).toString('base64');
    await o.b.call('drafts.append', { id: doomed.draftId, update: typed });
    await o.a.call('drafts.delete', { kind: 'lineamiento', id: doomed.id, reason: 'Duplicado de otro lineamiento', confirm: true });
    const pushed = await o.a.call('sync.now', {});
    expect(pushed.status.pending).toBe(0);
    const round = await o.b.call('sync.now', {}); // B's stale comment goes up, A's deletion comes down
    // B is told: its comment and its text did not count, who deleted the guideline and when.
    // The comment is a record of its own: it did not count because its guideline is gone (the
    // guideline's "last change" stamp that came with it is not reported: the user wrote nothing there).
    expect(round.status.lastError).toMatch(/2 cambio\(s\) no contaron porque el registro fue eliminado en otro equipo/);
    const lost = round.status.lost!;
    expect(lost).toHaveLength(2);
    for (const x of lost) {
      expect(x.message).toMatch(/^«Lineamiento que se elimina» \((Lineamientos|texto de Lineamientos)\) fue eliminado por la cuenta «secretaria» el \d+ de \w+ de 20\d\d[^;]*; su .* en este equipo el .+, no contó y se conserva en este equipo\.$/);
    }
    expect(lost.map((x) => x.collection).sort()).toEqual(['drafts', 'guidelineComments']);
    expect(lost.find((x) => x.collection === 'guidelineComments')!.message).toMatch(/^«Lineamiento que se elimina» \(Lineamientos\) fue eliminado por la cuenta «secretaria» .*; su comentario, hecho en este equipo el /);
    expect(lost.find((x) => x.collection === 'drafts')!.message).toMatch(/; su edición del texto, hecha en este equipo el /);
    // What the changes carried stays on B's disk: the comment's text and the typed update, byte for byte.
    const keptHere = o.b.app.store.all('lostChanges');
    expect(JSON.stringify(keptHere.find((x) => x.collection === 'guidelineComments')!.fields)).toContain('Comentario escrito sin conexión.');
    const comment = o.b.app.store.all('guidelineComments').find((c) => c.guidelineId === doomed.id)!;
    expect(keptHere.find((x) => x.collection === 'drafts')!.update).toBe(typed);
    // A retried round reports nothing twice.
    expect((await o.b.call('sync.now', {})).status.lost).toHaveLength(2);
    // Nothing of them reached the server's changes: a put or body after the delete would only be noise for other laptops.
    const late = await o.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM changes WHERE record_id = ANY($1::text[]) AND seq > (SELECT max(seq) FROM changes WHERE type = 'delete' AND record_id = ANY($1::text[]))",
      [[doomed.id, doomed.draftId, comment.id]],
    );
    expect(late.rows[0]!.n).toBe(0);
    await o.a.call('sync.now', {}); // A receives B's comment on a record it deleted

    for (const l of [o.a, o.b]) {
      const titles = (await l.call('guidelines.list', {})).map((g) => g.title);
      expect(titles).toContain('Lineamiento que se queda');
      expect(titles).not.toContain('Lineamiento que se elimina');
      expect(l.app.store.get('guidelines', doomed.id)).toBeUndefined();
      expect(l.app.store.get('drafts', doomed.draftId)).toBeUndefined();
    }
    expect(o.b.app.store.get('guidelines', kept.id)?.title).toBe('Lineamiento que se queda');
    // The deletion travelled as a delete; the stale changes are reported as lost, not as unreadable or refused.
    const deletes = await o.db.query<{ n: number }>("SELECT count(*)::int AS n FROM changes WHERE type = 'delete' AND record_id = $1", [doomed.id]);
    expect(deletes.rows[0]!.n).toBe(1);
    for (const l of [o.a, o.b]) expect((await l.call('sync.status', {})).rejected).toEqual([]);
    expect((await o.a.call('sync.status', {})).lost).toEqual([]);
    // Who deleted it and why travelled with the deletion.
    const history = (await o.b.app.store.journalEntries()).flatMap((e) => e.changes ?? []).filter((c) => c.collection === 'guidelines' && c.record.id === doomed.id);
    expect((history.at(-1)!.record as { deleted?: { reason: string } }).deleted?.reason).toBe('Duplicado de otro lineamiento');

    // A third laptop that pulls the whole history never shows it either.
    const c = await laptop(false);
    try {
      await c.call('sync.signIn', { server: o.server.url, username: 'secretaria', password: PASSWORD });
      await c.call('sync.now', {});
      const titles = (await c.call('guidelines.list', {})).map((g) => g.title);
      expect(titles).toContain('Lineamiento que se queda');
      expect(titles).not.toContain('Lineamiento que se elimina');
      expect((await c.call('sync.status', {})).rejected).toEqual([]);
    } finally {
      await c.close();
    }
    expect((await o.a.call('sync.status', {})).pending).toBe(0);
    expect((await o.b.call('sync.status', {})).pending).toBe(0);
  });

  it('an evidence image added on one laptop arrives on the other with the same bytes; a push cut midway uploads nothing twice', async () => {
    const activity = o.a.app.store.all('activities')[0]!;
    const first = makePng(40, 30, 7);
    const second = makePng(50, 20, 8);
    await o.a.call('progress.addEvidence', { id: activity.id, period: 2, caption: 'Reunión de trabajo.', image: first.toString('base64') });
    const added = await o.a.call('progress.addEvidence', { id: activity.id, period: 2, caption: 'Lista de asistencia.', image: second.toString('base64') });
    const shas = evidence(added, 2).slice(-2);

    const cut = await watchingUploads(() => o.a.call('sync.now', {}), true);
    expect(cut.result).toBeInstanceOf(Error); // the push never got through
    expect(cut.uploads.sort()).toEqual([...shas].sort()); // but the images did, first
    const resumed = await watchingUploads(() => o.a.call('sync.now', {}));
    expect(resumed.result).not.toBeInstanceOf(Error);
    expect(resumed.uploads).toEqual([]);

    await o.b.call('sync.now', {});
    expect(evidence(o.b.app.store.get('activities', activity.id), 2)).toEqual(expect.arrayContaining(shas));
    expect(await o.b.app.store.blobs.get(shas[0]!)).toEqual(first);
    expect(await o.b.app.store.blobs.get(shas[1]!)).toEqual(second);

    // A third image and the same sync asked 100 times at once: it is uploaded once.
    const third = makePng(20, 20, 10);
    await o.a.call('progress.addEvidence', { id: activity.id, period: 3, caption: 'Cartel.', image: third.toString('base64') });
    const crowd = await watchingUploads(() => Promise.all(Array.from({ length: 100 }, () => o.a.call('sync.now', {}))));
    expect(crowd.result).not.toBeInstanceOf(Error);
    expect(crowd.uploads).toHaveLength(1);
    expect((await o.a.call('sync.status', {})).pending).toBe(0);
    await o.b.call('sync.now', {});
    expect(await o.b.app.store.blobs.get(evidence(o.b.app.store.get('activities', activity.id), 3).at(-1)!)).toEqual(third);
  });

  it('a damaged image from the server is refused, not stored, and the change waits until an intact copy arrives', async () => {
    const activity = o.a.app.store.all('activities')[1]!;
    const image = makePng(60, 40, 9);
    const added = await o.a.call('progress.addEvidence', { id: activity.id, period: 1, caption: 'Fotografía del evento.', image: image.toString('base64') });
    const sha = evidence(added, 1).at(-1)!;
    await o.a.call('sync.now', {});
    const damaged = Buffer.from(image);
    damaged[damaged.length - 20] = damaged[damaged.length - 20]! ^ 0xff;
    await o.db.query('UPDATE blobs SET bytes = $1 WHERE sha256 = $2', [damaged, sha]);

    const blobsBefore = await readdir(join(o.b.app.store.dataDir, 'blobs'));
    const refused = await o.b.refused('sync.now', {});
    expect(refused).toMatch(/dañado/);
    expect(await o.b.app.store.blobs.has(sha)).toBe(false);
    expect(await readdir(join(o.b.app.store.dataDir, 'blobs'))).toEqual(blobsBefore); // not kept under another name either
    expect(evidence(o.b.app.store.get('activities', activity.id), 1)).not.toContain(sha);
    expect((await o.b.call('sync.status', {})).lastError).toMatch(/dañado/);

    await o.db.query('UPDATE blobs SET bytes = $1 WHERE sha256 = $2', [image, sha]);
    await o.b.call('sync.now', {});
    expect(evidence(o.b.app.store.get('activities', activity.id), 1)).toContain(sha);
    expect(await o.b.app.store.blobs.get(sha)).toEqual(image);
  });
  it('an image the server never received is merged as pendiente de recibir, announced, and arrives once its uploader syncs again', async () => {
    const activity = o.a.app.store.all('activities')[2]!;
    const image = makePng(30, 30, 11);
    const added = await o.a.call('progress.addEvidence', { id: activity.id, period: 3, caption: 'Minuta firmada.', image: image.toString('base64') });
    const sha = evidence(added, 3).at(-1)!;
    // The file goes missing from A's folder before A syncs (a restore, a disk error): the record travels, the file cannot.
    const file = join(o.a.app.store.dataDir, 'blobs', sha);
    const aside = join(o.a.dir, 'apartado.png');
    await rename(file, aside);
    const pushed = await o.a.call('sync.now', {});
    expect(pushed.status.pending).toBe(0);
    expect((await o.db.query('SELECT 1 FROM blobs WHERE sha256 = $1', [sha])).rows).toEqual([]);

    // B merges the record, knows the file is missing, says so, and never passes it off as complete.
    const round = await o.b.call('sync.now', {});
    expect(evidence(o.b.app.store.get('activities', activity.id), 3)).toContain(sha);
    expect(await o.b.app.store.blobs.has(sha)).toBe(false);
    expect(round.status.awaitingFiles).toBe(1);
    expect(round.status.lastError).toMatch(/1 archivo\(s\) pendiente\(s\) de recibir de otro equipo/);
    await expect(o.b.app.store.blobs.get(sha)).rejects.toThrow(/aún no llega a este equipo \(pendiente de recibir\)/);
    // Still missing at the next round: asked again, still announced.
    expect((await o.b.call('sync.now', {})).status.awaitingFiles).toBe(1);

    // The file is back on A; A's next round sends it, though no record changed; B's next round receives it.
    await rename(aside, file);
    await o.a.call('sync.now', {});
    expect((await o.db.query('SELECT 1 FROM blobs WHERE sha256 = $1', [sha])).rows).toHaveLength(1);
    const arrived = await o.b.call('sync.now', {});
    expect(arrived.status.awaitingFiles).toBe(0);
    expect(arrived.status.lastError).toBeNull();
    expect(await o.b.app.store.blobs.get(sha)).toEqual(image);
    // And the status says so between rounds too.
    expect((await o.b.call('sync.status', {})).awaitingFiles).toBe(0);
  });
});
