/**
 * A timeline reads only its own entries through index/timeline/, and says exactly what reading
 * the whole audit log says: across segments, as the log grows, with the index deleted, damaged or
 * pointing at lines that changed, and with the same timeline asked 100 times at once.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timeline, timelineOf } from '../../src-main/services/audit/timeline.js';
import { bucketOf } from '../../src-main/services/audit/timeline-index.js';
import { loadDemo } from '../../src-main/services/demo/load-demo.js';
import { storeDocument } from '../../src-main/services/documents/documents.js';
import { createSession, setSessionStatus } from '../../src-main/services/sessions/sessions.js';
import { Store } from '../../src-main/services/store/store.js';
import { newId } from '../../src-shared/ids.js';
import * as Y from 'yjs';
import { appendBlocks, para } from '../../src-main/services/drafts/rich-text.js';
import { sessionApp } from '../support/session-app.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
beforeEach(async () => {
  dir = await tempDir();
  // Small segments, so timelines span sealed segments and the active one.
  store = await Store.open(dir.path, { segmentEntries: 4 });
  await store.mutate(loadDemo, {}, 'prueba');
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

async function pdf(): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  d.addPage([612, 792]);
  return d.save();
}

/** Two sessions, each with documents, their changes interleaved in the log. */
async function fill(round: number) {
  const cmi = store.all('commissions').find((c) => c.acronym === 'CMI')!;
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const s = await store.mutate(
      createSession,
      { commissionId: cmi.id, type: 'ordinaria', date: `2025-0${round + 1}-1${i}`, modality: 'virtual', agenda: [`Punto ${round}-${i}`] },
      'secretaria',
    );
    ids.push(s.id);
    const doc = await storeDocument(
      store,
      { id: newId(), kind: 'acta', title: `Acta ${s.key}`, fileName: `acta-${round}-${i}.pdf`, inkFrom: [], status: 'borrador', sessionId: s.id, signers: [], documentTimestamps: [] },
      await pdf(),
      'secretaria',
    );
    ids.push(doc.id);
  }
  for (const id of ids.filter((_, i) => i % 2 === 0)) await store.mutate(setSessionStatus, { id, status: 'celebrada' }, 'secretaria');
  return ids;
}

/** The index's pointers for an id, checked against the log line they point at (not the fallback). */
async function pointersHold(id: string) {
  const lines = (await readFile(join(dir.path, 'index', 'timeline', bucketOf(id)), 'utf8'))
    .trim()
    .split('\n')
    .filter((l) => l.startsWith(`["${id}",`));
  for (const l of lines) {
    const [, seq, file, offset, length] = JSON.parse(l) as [string, number, string, number, number];
    const seg = await readFile(join(dir.path, 'audit', file));
    expect((JSON.parse(seg.subarray(offset, offset + length).toString('utf8')) as { seq: number }).seq).toBe(seq);
  }
  return lines.length;
}

async function expectSameAsWholeLog(ids: string[]) {
  const all = await store.journalEntries();
  for (const id of ids) {
    const target = store.get('sessions', id) ? { sessionId: id } : { documentId: id };
    const fromIndex = await timeline(store, target);
    expect(fromIndex, id).toEqual(timelineOf(all, target));
    expect(fromIndex.length, id).toBeGreaterThan(0);
    expect(await pointersHold(id)).toBeGreaterThan(0);
  }
}

describe('timeline index', () => {
  it('gives what the whole log gives, and catches up reading only what was appended', async () => {
    const first = await fill(0);
    await expectSameAsWholeLog(first);
    const state = JSON.parse(await readFile(join(dir.path, 'index', 'timeline', 'state.json'), 'utf8')) as { file: string; offset: number; seq: number };
    // Indexed up to the end of the active segment.
    expect(state.offset).toBe((await stat(join(dir.path, 'audit', state.file))).size);

    const second = await fill(1);
    await expectSameAsWholeLog([...first, ...second]);
    const after = JSON.parse(await readFile(join(dir.path, 'index', 'timeline', 'state.json'), 'utf8')) as { seq: number };
    expect(after.seq).toBe((await store.auditEntries(1))[0]!.seq);
    // A catch-up rewrites only the small position file; what it learns is appended.
    expect((await stat(join(dir.path, 'index', 'timeline', 'state.json'))).size).toBeLessThan(120);
    expect(await readFile(join(dir.path, 'index', 'timeline', 'links.jsonl'), 'utf8')).toContain(`"${first[0]!}"`);
    // A session's timeline holds its documents' entries, not the other session's.
    const events = await timeline(store, { sessionId: first[0]! });
    expect(events.map((e) => e.label)).toEqual(expect.arrayContaining([`Creado: Acta ${store.get('sessions', first[0]!)!.key}`]));
    expect(events.some((e) => e.label.includes(store.get('sessions', first[2]!)!.key))).toBe(false);
  });

  it('rebuilds itself when the index is deleted, damaged or points at lines that changed', async () => {
    const ids = await fill(0);
    await expectSameAsWholeLog(ids);
    const index = join(dir.path, 'index', 'timeline');

    // What a restart finds on disk: the state file gone, then pointing past the end of the log.
    const restart = async () => {
      await store.close();
      store = await Store.open(dir.path, { segmentEntries: 4 });
    };
    await rm(join(index, 'state.json'));
    await restart();
    await expectSameAsWholeLog(ids);

    await writeFile(join(index, bucketOf(ids[1]!)), 'esto no es un índice\n');
    await expectSameAsWholeLog(ids);

    // Pointers to the wrong bytes (as after a log restored from a backup): the hash check refuses them.
    const bucket = join(index, bucketOf(ids[0]!));
    const lines = (await readFile(bucket, 'utf8')).trim().split('\n');
    const moved = lines.map((l) => {
      const p = JSON.parse(l) as [string, number, string, number, number, string];
      return JSON.stringify([p[0], p[1], p[2], Math.max(0, p[3] - 7), p[4], p[5]]);
    });
    await writeFile(bucket, `${moved.join('\n')}\n`);
    await expectSameAsWholeLog(ids);

    // The links of documents and actas to their sessions, damaged.
    await writeFile(join(index, 'links.jsonl'), '["d","x",\n');
    await restart();
    await expectSameAsWholeLog(ids);

    await writeFile(join(index, 'state.json'), '{"version":5,"file":"log-0000000001.jsonl","offset":999999999,"seq":1}');
    await restart();
    await expectSameAsWholeLog(ids);
    await writeFile(join(index, 'state.json'), '{"version":4,');
    await restart();
    await expectSameAsWholeLog(ids);
  });

  it('answers the same timeline asked 100 times at once while the log grows', async () => {
    const ids = await fill(0);
    const target = { sessionId: ids[0]! };
    const expected = timelineOf(await store.journalEntries(), target);
    const [answers] = await Promise.all([Promise.all(Array.from({ length: 100 }, () => timeline(store, target))), fill(1)]);
    for (const a of answers) expect(a.slice(0, expected.length)).toEqual(expected);
    await expectSameAsWholeLog(ids);
  });

  it('has nothing for an id that is not in the log, or that could not be a file name', async () => {
    await fill(0);
    expect(await timeline(store, { documentId: '01M8SBY5P77WFVW06JPYAB2900' })).toEqual([]);
    expect(await timeline(store, { documentId: '../../audit/segments' })).toEqual([]);
  });
});

describe('a session’s timeline with its acta', () => {
  it('shows the acta created, edited (one event per run of edits), presented, approved by vote and locked, as the whole log does', async () => {
    const t = await sessionApp();
    try {
      const cmi = t.cmi();
      const first = await t.call('sessions.create', { commissionId: cmi.id, type: 'ordinaria', date: '2024-05-10', modality: 'virtual', agenda: ['Informe de la red'] });
      const acta = await t.call('minutes.create', { sessionId: first.id });
      const local = new Y.Doc();
      Y.applyUpdate(local, Buffer.from((await t.call('drafts.get', { id: acta.draftId })).state, 'base64'));
      for (const text of ['Intervención de la Consejera Presidenta.', 'Nota de la Secretaría Técnica.', 'Cierre.']) {
        const sv = Y.encodeStateVector(local);
        appendBlocks(local, [para(text)]);
        await t.call('drafts.append', { id: acta.draftId, update: Buffer.from(Y.encodeStateAsUpdate(local, sv)).toString('base64') });
      }
      await t.call('minutes.present', { id: acta.id });
      const later = await t.call('sessions.create', { commissionId: cmi.id, type: 'ordinaria', date: '2024-06-10', modality: 'virtual' });
      const withItem = await t.call('agenda.add', { sessionId: later.id, text: `Lectura del proyecto de acta de la sesión ${first.key}`, kind: 'aprobacion', approvesSessionId: first.id });
      for (const m of cmi.members) await t.call('sessions.attendance', { id: later.id, memberId: m.id, present: true });
      for (const m of cmi.members.filter((x) => x.role !== 'secretaria_tecnica')) {
        await t.call('sessions.vote', { id: later.id, agendaItemId: withItem.agenda[0]!.id, memberId: m.id, ballot: 'a_favor' });
      }
      const locked = await t.call('minutes.lock', { id: acta.id });

      const events = await t.call('audit.timeline', { sessionId: first.id });
      const labels = events.map((e) => e.label);
      expect(labels).toEqual(
        expect.arrayContaining([
          'Acta (versión 1) creada en borrador',
          'Texto del acta (versión 1) editado',
          'Proyecto de acta (versión 1) presentado',
          'Acta (versión 1) aprobada por unanimidad',
          `Acta (versión 1) bloqueada (SHA-256 ${locked.contentSha256!.slice(0, 16)}…)`,
          expect.stringMatching(/^Creado: /),
        ]),
      );
      // Three autosaves by one person in a row are one event.
      expect(labels.filter((l) => l === 'Texto del acta (versión 1) editado')).toHaveLength(1);
      const order = ['creada en borrador', 'editado', 'presentado', 'aprobada', 'bloqueada'].map((w) => labels.findIndex((l) => l.includes(w)));
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(events).toEqual(timelineOf(await t.app.store.journalEntries(), { sessionId: first.id }));
    } finally {
      await t.close();
    }
  }, 60_000);
});
