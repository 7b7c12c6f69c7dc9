import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Bytes in the journal: every segment audit/log-<seq>.jsonl (and a pre-segment audit/log.jsonl). */
export async function journalBytes(dataDir: string): Promise<number> {
  const dir = join(dataDir, 'audit');
  let total = 0;
  for (const f of await readdir(dir)) if (/^log(-\d+)?\.jsonl$/.test(f)) total += (await stat(join(dir, f))).size;
  return total;
}

export async function journalLines(dataDir: string): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const dir = join(dataDir, 'audit');
  let n = 0;
  for (const f of await readdir(dir)) if (/^log(-\d+)?\.jsonl$/.test(f)) n += (await readFile(join(dir, f), 'utf8')).split('\n').filter(Boolean).length;
  return n;
}
