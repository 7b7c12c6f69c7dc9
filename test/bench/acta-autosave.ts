/**
 * Benchmark: an hour of autosaving a long acta. The editor saves, after each pause, the Yjs
 * update of the edits since the last save (src-renderer/kit/editor/autosave.ts); the store
 * journals that update, not the document, and folds updates into the snapshot now and then.
 * Figures: journal growth for the hour, the draft's files on disk, time per save; the baseline
 * is saving the whole document on every save (what the issue forbids).
 * Run alone with `node --import tsx test/bench/acta-autosave.ts`, or import and call `run()`.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { FRAGMENT } from '../../src-main/services/drafts/rich-text.js';
import { journalBytes, journalLines } from '../support/journal-size.js';
import { sessionApp } from '../support/session-app.js';

/**
 * An hour of continuous typing at 3 keystrokes a second: the editor saves at most once every
 * 5 s (kit/editor/autosave.ts), so 720 saves of 15 keystrokes each. That is the most saves an
 * hour can make.
 */
const SAVES = 720;
const KEYS_PER_SAVE = 15;
const ITEMS = 40;

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const f of await readdir(dir).catch(() => [] as string[])) total += (await stat(join(dir, f))).size;
  return total;
}

export async function run(): Promise<void> {
  const t = await sessionApp();
  try {
    const cmi = t.cmi();
    const agenda = Array.from({ length: 20 }, (_, i) => `INFORME NÚMERO ${i + 1} SOBRE EL AVANCE DE LAS ACTIVIDADES DE LA COMISIÓN Y SUS ANEXOS`);
    const s = await t.call('sessions.create', { commissionId: cmi.id, type: 'ordinaria', date: '2023-09-29', modality: 'virtual', agenda });
    for (const [i, item] of s.agenda.entries()) {
      await t.call('agenda.notes', { sessionId: s.id, itemId: item.id, notes: `Intervención ${i + 1}: ${'La Consejera Presidenta expuso el avance y las observaciones recibidas. '.repeat(ITEMS / 2)}` });
    }
    const acta = await t.call('minutes.create', { sessionId: s.id });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from((await t.call('drafts.get', { id: acta.draftId })).state, 'base64'));
    const fragment = doc.getXmlFragment(FRAGMENT);
    const para = fragment.get(fragment.length - 1) as Y.XmlElement;
    const text = para.get(0) as Y.XmlText;
    const startState = Y.encodeStateAsUpdate(doc).length;

    const before = await journalBytes(t.dir);
    let wholeDocBytes = 0;
    const started = performance.now();
    for (let save = 0; save < SAVES; save++) {
      const updates: Uint8Array[] = [];
      const collect = (u: Uint8Array) => updates.push(u);
      doc.on('update', collect);
      for (let k = 0; k < KEYS_PER_SAVE; k++) text.insert(text.length, 'abcdefghij '[(save + k) % 11]!);
      doc.off('update', collect);
      await t.call('drafts.append', { id: acta.draftId, update: b64(Y.mergeUpdates(updates)) });
      wholeDocBytes += b64(Y.encodeStateAsUpdate(doc)).length;
    }
    const elapsed = performance.now() - started;
    const grown = (await journalBytes(t.dir)) - before;
    const lines = await journalLines(t.dir);
    const draftFiles = (await dirBytes(join(t.dir, 'data', 'drafts'))) + (await dirBytes(join(t.dir, 'data', 'draftUpdates')));
    // The baseline journals the whole document each save (the envelope of each entry left out).
    const baseline = wholeDocBytes;

    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`acta body: ${kb(startState)} as a Yjs update (${s.agenda.length} items with notes); ${SAVES} saves of ${KEYS_PER_SAVE} keystrokes (one hour, one save every 5 s)`);
    console.log(`journal growth for the hour: ${kb(grown)} (${(grown / SAVES).toFixed(0)} bytes per save, ${lines} journal lines in all)`);
    console.log(`draft shard files on disk (the store writes shards at checkpoints): ${kb(draftFiles)}`);
    console.log(`time per save (validate, journal with fsync, shard write): ${(elapsed / SAVES).toFixed(1)} ms`);
    console.log(`baseline, whole document journalled on every save: ${kb(baseline)}; ratio ${(baseline / grown).toFixed(1)}× less journal`);
    const check = new Y.Doc();
    Y.applyUpdate(check, Buffer.from((await t.call('drafts.get', { id: acta.draftId })).state, 'base64'));
    if (check.getXmlFragment(FRAGMENT).toString() !== fragment.toString()) throw new Error('stored draft differs from the edited document');
    console.log('stored draft equals the edited document: yes');
  } finally {
    await t.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
