import { createHash } from 'node:crypto';
import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors.js';
import { writeFileDurable } from './durable.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** Content-addressed binary storage: blobs/<sha256>. Written before any record points to it. */
export class BlobStore {
  /**
   * Files a synced record names that the server has not delivered yet (the sync engine keeps the
   * list): read before they arrive, they say so instead of asking for a backup.
   */
  awaiting: ReadonlySet<string> = new Set();

  constructor(private readonly dir: string) {}

  async put(bytes: Uint8Array): Promise<string> {
    const sha = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha);
    if (!(await exists(path))) await writeFileDurable(path, bytes);
    return sha;
  }

  async get(sha: string): Promise<Buffer> {
    const path = this.pathOf(sha);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      if (this.awaiting.has(sha)) {
        throw new AppError(
          'NOT_FOUND',
          'Este archivo aún no llega a este equipo (pendiente de recibir): el equipo que lo agregó todavía no lo envía al servidor. Se descargará solo en una próxima sincronización.',
        );
      }
      throw new AppError('NOT_FOUND', `No se encontró el archivo blobs/${sha} en la carpeta de datos. Restáurelo desde un respaldo.`);
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha) {
      throw new AppError(
        'STORAGE',
        `El archivo almacenado blobs/${sha} está dañado (su contenido no coincide con su huella). No se borró. Restáurelo desde un respaldo.`,
      );
    }
    return bytes;
  }

  /** Deletes a blob no record points to any more (e.g. a key wrapped under a PIN that was replaced). */
  async remove(sha: string): Promise<void> {
    await rm(this.pathOf(sha), { force: true });
  }

  async has(sha: string): Promise<boolean> {
    return exists(this.pathOf(sha));
  }

  private pathOf(sha: string): string {
    if (!SHA256.test(sha)) throw new AppError('INVALID_ARGUMENT', 'Huella de archivo inválida.');
    return join(this.dir, sha);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
