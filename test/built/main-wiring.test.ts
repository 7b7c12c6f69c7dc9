import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src-main/services/store/store.js';
import { callNames } from '../../src-shared/contract/names.js';
import { tempDir } from '../support/temp.js';

// A check of the main process's WIRING, not of Electron: Electron cannot run on these machines,
// so the built bundle is loaded in Node with a stand-in `electron` module that only records calls.
const bundle = new URL('../../out/main/index.js', import.meta.url);
const harness = fileURLToPath(new URL('../support/electron-standin/run-main.mjs', import.meta.url));

interface Reply {
  ok: boolean;
  error?: { code: string };
}

interface Wiring {
  windows: number;
  webPreferences: Record<string, unknown>;
  loaded: { file?: string; url?: string };
  permission: boolean;
  permissionCheck: boolean;
  channels: string[];
  calls: Record<string, { foreign: Reply; nullFrame: Reply }>;
  own: Reply & { value?: { host: string; keyStore: string; counts: Record<string, number> } };
  navigationPrevented: boolean;
  windowOpen: { action: string };
  menu: boolean;
  quit?: number;
  errorBoxes?: { title: string; content: string }[];
}

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

function runMain(env: Record<string, string>): Wiring {
  const r = spawnSync(process.execPath, [harness, bundle.href], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ELECTRON_RENDERER_URL: '', SESIONA_DATA_DIR: dir.path, STANDIN_USER_DATA: dir.path, ...env },
  });
  if (r.status !== 0) throw new Error(`main bundle failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as Wiring;
}

describe('main-process wiring check (built out/main with a stand-in electron)', () => {
  it('finds the built bundle', () => {
    expect(existsSync(bundle), 'out/main/index.js is missing').toBe(true);
  });

  it('creates one window with the hardened webPreferences and its sandboxed CommonJS preload', () => {
    const w = runMain({});
    expect(w.windows).toBe(1);
    expect(w.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
    expect(String(w.webPreferences.preload)).toMatch(/out[/\\]preload[/\\]index\.cjs$/);
    expect(existsSync(String(w.webPreferences.preload))).toBe(true);
    expect(w.loaded.file).toMatch(/out[/\\]renderer[/\\]index\.html$/);
    expect(w.menu).toBe(true);
  });

  it('tells the person in Spanish, naming the file, why a data folder it refuses cannot be opened, and quits', async () => {
    const store = await Store.open(dir.path);
    await store.close();
    await writeFile(join(dir.path, 'data', 'checkpoint.json'), '{"format":1,');
    const w = runMain({});
    expect(w.windows).toBe(0);
    expect(w.quit).toBe(1);
    expect(w.errorBoxes).toEqual([
      { title: 'Sesiona no pudo abrir sus datos', content: expect.stringMatching(/El punto de control data\/checkpoint\.json está dañado\. No se borró nada/) },
    ]);
  });

  it('denies every permission, new windows and navigation', () => {
    const w = runMain({});
    expect(w.permission).toBe(false);
    expect(w.permissionCheck).toBe(false);
    expect(w.windowOpen).toEqual({ action: 'deny' });
    expect(w.navigationPrevented).toBe(true);
  });

  it('registers one IPC handler per contract call, each refusing a foreign sender frame', () => {
    const w = runMain({});
    expect([...w.channels].sort()).toEqual(callNames.map((n) => `sesiona:${n}`).sort());
    for (const [channel, r] of Object.entries(w.calls)) {
      expect(r.foreign, channel).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(r.nullFrame, channel).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    // Our own window's main frame is served, through the same openApp as the web host.
    expect(w.own).toMatchObject({ ok: true, value: { host: 'electron', keyStore: 'safeStorage' } });
    expect(w.own.value!.counts.sessions).toBeGreaterThan(0);
  });

  it.runIf(process.platform === 'linux')('on Linux, refuses safeStorage’s basic_text backend and waits for a passphrase instead', () => {
    const w = runMain({ STANDIN_BACKEND: 'basic_text' });
    expect(w.own).toMatchObject({ ok: true, value: { keyStore: 'passphrase' } });
  });

  it('follows ELECTRON_RENDERER_URL in development only, never in a packaged app', () => {
    const dev = runMain({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(dev.loaded).toEqual({ url: 'http://localhost:5173/' });
    const packaged = runMain({ ELECTRON_RENDERER_URL: 'http://localhost:5173/', STANDIN_PACKAGED: '1' });
    expect(packaged.loaded.file).toMatch(/out[/\\]renderer[/\\]index\.html$/);
  });
});
