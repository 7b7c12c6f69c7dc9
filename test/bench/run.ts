/**
 * `npm run bench`: every benchmark, one after another, each printing its figures and its ratio
 * to the baseline its issue names. `npm run bench -- base30` runs only the named ones.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const BENCHES = ['base30', 'batch-stamp', 'sign-batch', 'store', 'pin', 'verify', 'sync', 'sync-client', 'archive-search', 'timeline', 'reports', 'acta-autosave', 'guideline-review', 'guideline-merge'];

const only = process.argv.slice(2);
const selected = only.length ? BENCHES.filter((b) => only.includes(b)) : BENCHES;
let failed = false;
for (const name of selected) {
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(file)) continue;
  console.log(`\n== ${name} ==`);
  try {
    const mod = (await import(pathToFileURL(file.pathname).href)) as { run: () => Promise<void> };
    await mod.run();
  } catch (e) {
    failed = true;
    console.error(`benchmark ${name} failed:`, e);
  }
}
process.exitCode = failed ? 1 : 0;
