import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors.js';
import { FILE_MODE } from './durable.js';

/** Tokens of this process's locks (held or being taken): only these make our own pid mean "in use". */
const ownTokens = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function pidOf(text: string): number {
  return Number(text.trim().split(/\s+/)[0]);
}

/** Generation 0 is the plain lock name (what older versions wrote); a takeover makes the next one. */
function generationPath(path: string, n: number): string {
  return n === 0 ? path : `${path}.${n}`;
}

/** The lock's generations present now, oldest first. */
async function generations(path: string): Promise<number[]> {
  const name = basename(path);
  const out: number[] = [];
  for (const entry of await readdir(dirname(path)).catch(() => [] as string[])) {
    if (entry === name) out.push(0);
    else if (entry.startsWith(`${name}.`) && /^[1-9]\d{0,14}$/.test(entry.slice(name.length + 1))) out.push(Number(entry.slice(name.length + 1)));
  }
  return out.sort((a, b) => a - b);
}

/** Private files of acquisitions whose process was killed half-way (sesiona.lock.<pid>.<hex>.new|stale). */
async function removeLeftovers(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = /^(\d+)\.[0-9a-f]+\.(new|stale)$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : '');
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) await rm(join(dir, name), { force: true });
  }
}

const pause = (): Promise<void> => new Promise((r) => setTimeout(r, 1 + Math.random() * 4));

/**
 * One process per data folder. The lock is the newest of numbered generations (sesiona.lock,
 * sesiona.lock.1, …), each holding "<pid> <token>" and created whole by linking a private file,
 * which fails if that generation exists. Nothing ever moves or replaces another process's lock:
 * a lock whose process died is superseded by creating the next generation. Whoever created
 * generation n+1 keeps it only if, afterwards, generation n still holds the very dead lock it
 * read and no newer generation exists; otherwise it removes its own and looks again. So of any
 * number of processes racing over a stale lock (two, three, a hundred) exactly one wins, and a
 * process stalled for a whole tenure cannot reuse a number whose predecessor is gone. The
 * winner removes the older generations, and a release removes its own.
 */
export async function acquireLock(path: string): Promise<() => Promise<void>> {
  const token = `${process.pid} ${randomBytes(12).toString('hex')}\n`;
  ownTokens.add(token);
  const mine = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
  const fh = await open(mine, 'wx', FILE_MODE);
  try {
    await fh.writeFile(token);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      const gens = await generations(path);
      const top = gens.at(-1);
      let superseded: { path: string; text: string } | undefined;
      if (top !== undefined) {
        const text = await readText(generationPath(path, top));
        if (text === undefined) continue; // released or cleaned up meanwhile: look again
        const pid = pidOf(text);
        if (ownTokens.has(text) || (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))) {
          throw new AppError(
            'IN_USE',
            `La carpeta de datos está en uso por otro proceso de Sesiona (pid ${pid}). Ciérrelo e intente de nuevo.`,
          );
        }
        superseded = { path: generationPath(path, top), text };
      }
      const n = top === undefined ? 0 : top + 1;
      const target = generationPath(path, n);
      try {
        await link(mine, target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        await pause();
        continue;
      }
      const valid =
        (superseded === undefined || (await readText(superseded.path)) === superseded.text) &&
        (await generations(path)).at(-1) === n &&
        (await readText(target)) === token;
      if (!valid) {
        if ((await readText(target)) === token) await rm(target, { force: true });
        await pause();
        continue;
      }
      for (const old of gens) await rm(generationPath(path, old), { force: true });
      await removeLeftovers(path);
      return async () => {
        ownTokens.delete(token);
        if ((await readText(target)) === token) await rm(target, { force: true });
      };
    }
    throw new AppError('IN_USE', 'No se pudo bloquear la carpeta de datos; intente de nuevo.');
  } catch (e) {
    ownTokens.delete(token);
    throw e;
  } finally {
    await rm(mine, { force: true });
  }
}
