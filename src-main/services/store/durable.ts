import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Owner-only: the data folder holds signatures, keys and personal data. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/**
 * The few disk operations a fault can hit. Tests replace them to simulate a full disk; the code
 * never does I/O for a commit or a checkpoint by another path.
 */
export const io = {
  write: (fh: FileHandle, data: Uint8Array): Promise<unknown> => fh.write(data),
  sync: (fh: FileHandle): Promise<void> => fh.sync(),
  writeFile: (fh: FileHandle, data: string | Uint8Array): Promise<void> => fh.writeFile(data),
};

/** Flushes a file's data to disk. */
export async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Makes a rename or a file creation in `dir` survive power loss. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function makeDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
}

/** Tightens a folder made by an older version (0755) to owner-only. */
export async function ownerOnly(path: string, mode = DIR_MODE): Promise<void> {
  if (process.platform === 'win32') return;
  await chmod(path, mode).catch(() => undefined);
}

/**
 * temp + fsync + rename + fsync(dir): after it returns the file is whole on disk or absent, and
 * a failure (a full disk) leaves no temp file behind.
 */
export async function writeFileDurable(path: string, data: Uint8Array | string): Promise<void> {
  await makeDir(dirname(path));
  const tmp = `${path}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    const fh = await open(tmp, 'w', FILE_MODE);
    try {
      await io.writeFile(fh, data);
      await io.sync(fh);
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await fsyncDir(dirname(path));
}
