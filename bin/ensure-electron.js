#!/usr/bin/env node
// Electron 45 has no postinstall: its binary is downloaded the first time `require('electron')`
// runs. electron-vite never does that; it reads node_modules/electron/path.txt and stops with
// "Error: Electron uninstall" when the file is missing. `npm start`, `dev` and `dist` run this
// first, so they work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

if (process.env.ELECTRON_EXEC_PATH) {
  // An executable chosen by hand (electron-vite honours it): nothing to fetch.
  process.exit(0);
}

const electronDir = process.env.SESIONA_ELECTRON_DIR ?? dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');

function installed() {
  if (!existsSync(pathFile)) return false;
  return existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

if (installed()) process.exit(0);

const { version, engines } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.warn(`warning: Electron ${version}'s installer declares Node ${engines?.node ?? '>= 22.12'}; this is Node ${process.versions.node}.`);
}
console.log(`Downloading Electron ${version} (first start)…`);
// Electron's own installer (its `install-electron` bin): downloads, checks, unzips, writes path.txt.
const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
if (result.status !== 0 || !installed()) {
  console.error(
    `error: the Electron ${version} binary could not be downloaded (network, proxy, or Node version).\n` +
      `Retry with network access, or set ELECTRON_EXEC_PATH to an Electron executable.\n` +
      `Without Electron, "npm run start:web" serves the same app in the browser.`,
  );
  process.exit(1);
}
