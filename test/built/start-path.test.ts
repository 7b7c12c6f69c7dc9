import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ensure = join(root, 'bin', 'ensure-electron.js');

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

describe('npm start on a fresh machine', () => {
  it('hands the built main file to the Electron executable (a fake one, through ELECTRON_EXEC_PATH)', async () => {
    const record = join(dir.path, 'launched.json');
    const fake = join(dir.path, 'fake-electron');
    await writeFile(
      fake,
      `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }));\n`,
    );
    await chmod(fake, 0o755);
    const r = spawnSync('npm', ['start', '--silent'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...process.env, ELECTRON_EXEC_PATH: fake },
    });
    expect(r.status, r.stderr).toBe(0);
    const launched = JSON.parse(await readFile(record, 'utf8')) as { argv: string[]; cwd: string };
    const app = resolve(launched.cwd, launched.argv[0]!);
    const pkg = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as { main: string };
    expect(resolve(app, pkg.main)).toBe(join(root, 'out', 'main', 'index.js'));
    expect(existsSync(join(root, 'out', 'main', 'index.js'))).toBe(true);
  });

  async function fakeElectronPackage(install: string): Promise<string> {
    const pkg = join(dir.path, 'electron');
    await mkdir(pkg);
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1', engines: { node: '>= 22.12.0' } }));
    await writeFile(join(pkg, 'install.js'), install);
    return pkg;
  }

  it('runs Electron’s installer first when its binary was never fetched (no path.txt)', async () => {
    const pkg = await fakeElectronPackage(
      "const fs = require('node:fs'); const p = require('node:path');\n" +
        "fs.mkdirSync(p.join(__dirname, 'dist'));\n" +
        "fs.writeFileSync(p.join(__dirname, 'dist', 'electron'), '');\n" +
        "fs.writeFileSync(p.join(__dirname, 'path.txt'), 'electron');\n",
    );
    const env = { ...process.env, SESIONA_ELECTRON_DIR: pkg, ELECTRON_EXEC_PATH: '' };
    const first = spawnSync(process.execPath, [ensure], { encoding: 'utf8', env });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Downloading Electron 45\.4\.1/);
    expect(existsSync(join(pkg, 'path.txt'))).toBe(true);
    // Once fetched, nothing more happens.
    const second = spawnSync(process.execPath, [ensure], { encoding: 'utf8', env });
    expect(second.status).toBe(0);
    expect(second.stdout).toBe('');
  });

  it('stops with a plain explanation when the download fails', async () => {
    const pkg = await fakeElectronPackage("console.error('getaddrinfo ENOTFOUND github.com'); process.exit(1);\n");
    const r = spawnSync(process.execPath, [ensure], { encoding: 'utf8', env: { ...process.env, SESIONA_ELECTRON_DIR: pkg, ELECTRON_EXEC_PATH: '' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not be downloaded/);
    expect(r.stderr).toMatch(/npm run start:web/);
  });
});
