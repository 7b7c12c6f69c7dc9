import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outputs = ['out/main/index.js', 'out/main/batch-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const sources = ['src-main', 'src-shared', 'src-renderer', 'electron.vite.config.ts', 'package.json'];

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((e) => newest(join(path, e))));
}

/** The tests of built output build it first when it is missing or older than the sources (a fresh clone). */
export default function setup(): void {
  const built = outputs.map((o) => join(root, o));
  const fresh = built.every(existsSync) && Math.min(...built.map((b) => statSync(b).mtimeMs)) >= Math.max(...sources.map((s) => newest(join(root, s))));
  if (fresh) return;
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('electron-vite build failed');
}
