#!/usr/bin/env node
// Starts Sesiona's web host: the same app for machines without the Electron runtime.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.log('Compilando la interfaz (primera vez)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
register();
const { main } = await import('../src-main/host/main.ts');
await main(process.argv.slice(2));
