import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const MAGIC = 'sesiona-text 1';

/**
 * The extracted text of each stored PDF version, kept in index/text/<pdf sha256>.txt so a restart
 * does not run pdf.js over the whole archive again. Derived data: a missing, torn or edited file
 * (its first line carries the text's own SHA-256) is ignored and extracted again.
 */
export class TextCache {
  constructor(private readonly dir: string) {}

  async get(sha: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{64}$/.test(sha)) return undefined;
    let raw: string;
    try {
      raw = await readFile(join(this.dir, `${sha}.txt`), 'utf8');
    } catch {
      return undefined;
    }
    const nl = raw.indexOf('\n');
    const [magic, hash] = [raw.slice(0, nl).slice(0, MAGIC.length), raw.slice(MAGIC.length + 1, nl)];
    const text = raw.slice(nl + 1);
    if (nl < 0 || magic !== MAGIC || createHash('sha256').update(text).digest('hex') !== hash) return undefined;
    return text;
  }

  async put(sha: string, text: string): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(sha)) return;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, `${sha}.txt`);
    // Written beside and renamed: a reader sees the whole file or none.
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, `${MAGIC} ${createHash('sha256').update(text).digest('hex')}\n${text}`, { mode: 0o600 });
    await rename(tmp, path);
  }
}
