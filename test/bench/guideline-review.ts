/**
 * Benchmark: a guideline's review as records. Figures: time to add a comment as a guideline's
 * thread grows (each is one record now, where the whole array was rewritten before), journal
 * bytes per comment, and reading the list (open comments of every guideline) and one guideline
 * with its thread. Baseline: the journal bytes the array model wrote for the same comments (the
 * whole comments array in each entry), computed from the same comments.
 * Run alone with `node --import tsx test/bench/guideline-review.ts`, or import and call `run()`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { journalBytes } from '../support/journal-size.js';
import { sessionApp } from '../support/session-app.js';

const GUIDELINES = 40;
const COMMENTS = 300;
const TEXT = 'Se sugiere precisar el alcance de este artículo y citar el fundamento legal aplicable. ';

const ms = (a: number[]) => (a.reduce((x, y) => x + y, 0) / a.length).toFixed(2);

export async function run(): Promise<void> {
  const t = await sessionApp();
  try {
    const cmi = t.cmi();
    const ids: string[] = [];
    for (let i = 0; i < GUIDELINES; i++) ids.push((await t.call('guidelines.create', { commissionId: cmi.id, title: `Lineamiento ${i + 1}` })).id);
    const one = ids[0]!;
    const before = await journalBytes(t.dir);
    const times: number[] = [];
    let arrayBytes = 0;
    let thread = 0;
    for (let i = 0; i < COMMENTS; i++) {
      const started = performance.now();
      const g = await t.call('guidelines.comment', { id: one, text: `${TEXT}(${i + 1})` });
      times.push(performance.now() - started);
      // What the array model journaled for this comment: the whole array, as it then was.
      thread = JSON.stringify(g.comments).length;
      arrayBytes += thread;
    }
    const recordBytes = (await journalBytes(t.dir)) - before;
    for (const id of ids.slice(1)) for (let i = 0; i < 25; i++) await t.call('guidelines.comment', { id, text: TEXT });
    const list: number[] = [];
    const get: number[] = [];
    for (let i = 0; i < 20; i++) {
      let s = performance.now();
      await t.call('guidelines.list', {});
      list.push(performance.now() - s);
      s = performance.now();
      await t.call('guidelines.get', { id: one });
      get.push(performance.now() - s);
    }
    console.log(`comment on a guideline: first 50 ${ms(times.slice(0, 50))} ms, last 50 (thread of ${COMMENTS}) ${ms(times.slice(-50))} ms each`);
    console.log(`journal for ${COMMENTS} comments: ${(recordBytes / 1024).toFixed(0)} KiB as records; the array model's entries would carry ${(arrayBytes / 1024).toFixed(0)} KiB of comments arrays alone (ratio ${(recordBytes / arrayBytes).toFixed(3)})`);
    console.log(`guidelines.list (${GUIDELINES} guidelines, ${COMMENTS + 25 * (GUIDELINES - 1)} comments): ${ms(list)} ms; guidelines.get (${COMMENTS} comments): ${ms(get)} ms`);
  } finally {
    await t.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
