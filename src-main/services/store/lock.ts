import { open, readFile, rm } from 'node:fs/promises';
import { AppError } from '../../../src-shared/contract/errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per data folder: two writers would interleave whole-file rewrites. A lock left by
 * a process that died (crash, SIGKILL) is taken over.
 */
export async function acquireLock(path: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new AppError(
          'IN_USE',
          `La carpeta de datos está en uso por otro proceso de Sesiona (pid ${pid}). Ciérrelo e intente de nuevo.`,
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new AppError('IN_USE', 'No se pudo bloquear la carpeta de datos.');
}
