import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, rm } from 'node:fs/promises';
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

/** Private files of takeovers whose process was killed half-way (sesiona.lock.<pid>.<hex>.new|stale). */
async function removeLeftovers(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = /^(\d+)\.[0-9a-f]+\.(new|stale)$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : '');
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) await rm(join(dir, name), { force: true });
  }
}

/**
 * One process per data folder. The lock file holds "<pid> <token>". It is created whole under a
 * private name and linked into place, which fails if a lock exists: two processes can never both
 * create it. A lock whose process died is taken over by renaming it aside (only one process can
 * move a given file) and checking that what was moved is the same stale lock that was read;
 * then the new lock is linked in as above, and read back.
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
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await link(mine, path);
        if ((await readText(path)) !== token) continue;
        await removeLeftovers(path);
        return async () => {
          ownTokens.delete(token);
          if ((await readText(path)) === token) await rm(path, { force: true });
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const seen = await readText(path);
      if (seen === undefined) continue;
      const pid = pidOf(seen);
      const ours = ownTokens.has(seen);
      if (ours || (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))) {
        throw new AppError(
          'IN_USE',
          `La carpeta de datos está en uso por otro proceso de Sesiona (pid ${pid}). Ciérrelo e intente de nuevo.`,
        );
      }
      const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
      try {
        await rename(path, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // another process moved it
        throw e;
      }
      const moved = await readText(aside);
      if (moved !== seen) {
        // We moved a fresh lock another process made after our read: put it back untouched.
        await link(aside, path).catch(() => undefined);
      }
      await rm(aside, { force: true });
    }
    throw new AppError('IN_USE', 'No se pudo bloquear la carpeta de datos; intente de nuevo.');
  } catch (e) {
    ownTokens.delete(token);
    throw e;
  } finally {
    await rm(mine, { force: true });
  }
}
