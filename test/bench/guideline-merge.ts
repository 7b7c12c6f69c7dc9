/**
 * Benchmark and heavy fuzz of guideline body merges (src-shared/guidelines/merge.ts): many seeds of
 * random moves, typing and deletions on 3 and 4 laptops (the unit test runs 25 small ones), then
 * what one merge costs on a long guideline with a long history of moves.
 * Run alone with `node --import tsx test/bench/guideline-merge.ts`, or `npm run bench -- guideline-merge`.
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { mergeBody } from '../../src-shared/guidelines/merge.js';
import { moveArticleInDoc } from '../../src-shared/guidelines/move.js';
import type { GBlock } from '../../src-shared/guidelines/structure.js';
import { frag, fuzz, headText, laptops } from '../support/guideline-fuzz.js';

function sweep(label: string, seeds: number, laptopsCount: number, steps: number, options: { addFracciones?: boolean; erase?: boolean; legacy?: boolean } = {}): number {
  const { addFracciones = false } = options;
  let problems: string[] = [];
  let ms = 0;
  let merges = 0;
  const t0 = performance.now();
  for (let seed = 1; seed <= seeds; seed++) {
    const r = fuzz(10_000 + seed, laptopsCount, steps, options);
    problems = problems.concat(r.problems);
    ms += r.mergeMs;
    merges += r.merges;
  }
  const total = performance.now() - t0;
  const kinds = [' is gone', ' more than once', ' is not under'].map((k) => problems.filter((p) => p.includes(k)).length);
  const detail = addFracciones ? ` (fracciones gone ${kinds[0]}, twice ${kinds[1]}, misplaced ${kinds[2]})` : '';
  console.log(`${label}: ${seeds} runs in ${total.toFixed(0)} ms; ${merges} merges, ${(ms / merges).toFixed(2)} ms per merge; problems: ${problems.length}${detail}`);
  for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
  return problems.length;
}

/** A guideline of `n` articles with a fracción each, on two laptops that moved `moves` articles first (history in the copies map). */
function longBody(n: number, moves: number) {
  const blocks: GBlock[] = [{ kind: 'capitulo', uid: 'cap', runs: [{ text: 'Disposiciones generales' }] }];
  for (let i = 0; i < n; i++) {
    blocks.push({ kind: 'articulo', uid: `a${i}`, runs: [{ text: `Texto del artículo ${i}, con la extensión de un párrafo común de lineamientos institucionales.` }] });
    blocks.push({ kind: 'fraccion', runs: [{ text: 'Una fracción del artículo;' }] });
  }
  const [a, b] = laptops(2, blocks, [101, 202]);
  for (let i = 0; i < moves; i++) moveArticleInDoc(frag(a!), `a${(i * 7) % n}`, i % 2 ? 1 : -1);
  Y.applyUpdate(b!, Y.encodeStateAsUpdate(a!));
  return { a: a!, b: b! };
}

function oneMerge(n: number, moves: number): number {
  const { a, b } = longBody(n, moves);
  // Offline: A moves an article, B types inside it.
  moveArticleInDoc(frag(a), `a${n >> 1}`, 1);
  headText(b, `a${n >> 1}`).insert(5, ' (texto de B)');
  const update = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const rounds = 9;
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(b));
    const t0 = performance.now();
    const repaired = mergeBody(copy, () => Y.applyUpdate(copy, update), (client) => client === b.clientID);
    times.push(performance.now() - t0);
    if (!repaired || !headText(copy, `a${n >> 1}`).toString().includes('(texto de B)')) throw new Error('the merge did not carry the text typed into the moved article');
  }
  times.sort((x, y) => x - y);
  const median = times[rounds >> 1]!;
  console.log(`one merge, ${n} articles after ${moves} earlier moves (${(Y.encodeStateAsUpdate(b).length / 1024).toFixed(0)} KB body): median ${median.toFixed(1)} ms`);
  return median;
}

export async function run(): Promise<void> {
  let problems = 0;
  problems += sweep('3 laptops, 40 steps', 400, 3, 40);
  problems += sweep('4 laptops, 60 steps', 150, 4, 60);
  // Known limit (README): a new fracción stands under another article on other laptops until its
  // author merges, and a user there deleting that article deletes it (none in these 400 seeds;
  // 6 problems in seeds 401-1000). Measured, not failed on.
  sweep('3 laptops, 40 steps, with new fracciones (known limit)', 400, 3, 40, { addFracciones: true });
  // Known limit: an erased word can come back when carried into a block the eraser already had.
  sweep('3 laptops, 40 steps, with erasures (known limit)', 400, 3, 40, { erase: true });
  // A draft from before `pulled` was kept: laptop 0 counts every character as its own.
  sweep('3 laptops, 40 steps, one counting everything as its own (known limit)', 400, 3, 40, { legacy: true });
  oneMerge(50, 20);
  oneMerge(200, 100);
  oneMerge(400, 400);
  if (problems) throw new Error(`${problems} merge problem(s)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
