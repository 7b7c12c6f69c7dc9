import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** --data-dir, else SESIONA_DATA_DIR, else the platform default (Electron passes its userData). */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, fallback?: string): string {
  if (flag) return resolve(flag);
  if (env.SESIONA_DATA_DIR) return resolve(env.SESIONA_DATA_DIR);
  if (fallback) return fallback;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'Sesiona');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Sesiona');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'Sesiona');
}
