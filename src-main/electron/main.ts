import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { callNames } from '../../src-shared/contract/names.js';
import { dispatch } from '../services/api.js';
import { openApp, type OpenedApp } from '../services/app/open-app.js';
import { resolveDataDir } from '../services/data-dir.js';
import { installMenu } from './menu.js';
import { osKeyStore } from './safe-storage-keystore.js';
import { hardenContents, hardenSession, isTrustedSender } from './security.js';

let window: BrowserWindow | undefined;
let opened: OpenedApp | undefined;

const rendererFile = join(__dirname, '../renderer/index.html');
// The dev server's address is honoured only in development: a packaged app always shows its own files.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
const rendererUrl = devUrl ?? pathToFileURL(rendererFile).href;

/** The webPreferences of Sesiona's window (ARCHITECTURE.md, rule 5). */
export const webPreferences = {
  preload: join(__dirname, '../preload/index.cjs'),
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
  // Middle-click would otherwise open links in new windows, bypassing setWindowOpenHandler.
  disableBlinkFeatures: 'Auxclick',
} as const;

function dataDirFromArgv(): string | undefined {
  const i = process.argv.indexOf('--data-dir');
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function createWindow(): Promise<void> {
  window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'Sesiona',
    show: false,
    webPreferences: { ...webPreferences },
  });
  hardenContents(window.webContents);
  window.once('ready-to-show', () => window?.show());
  if (devUrl) await window.loadURL(devUrl);
  else await window.loadFile(rendererFile);
}

/** One IPC handler per call of the contract; each checks that the sender is our own window. */
function registerCalls(current: OpenedApp): void {
  for (const name of callNames) {
    ipcMain.handle(`sesiona:${name}`, async (event, args: unknown) => {
      if (!isTrustedSender(event.senderFrame, window, rendererUrl)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Solicitud rechazada: no proviene de la ventana de Sesiona.' } };
      }
      return dispatch(current.handlers, name, args);
    });
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
  app.whenReady().then(async () => {
    hardenSession();
    installMenu();
    opened = await openApp({
      dataDir: resolveDataDir(dataDirFromArgv(), process.env, app.getPath('userData')),
      host: 'electron',
      keyStore: osKeyStore(),
      onKeyStoreError: (e) => console.error('[sesiona] key store unavailable; the vault waits for a passphrase', e),
    });
    registerCalls(opened);
    await createWindow();
  }).catch((e: unknown) => {
    console.error('[sesiona] failed to start', e);
    // The store's refusals (a damaged or altered data folder) say in Spanish which file and what to do.
    dialog.showErrorBox('Sesiona no pudo abrir sus datos', e instanceof Error ? e.message : String(e));
    app.quit();
  });
  app.on('window-all-closed', () => {
    void (opened?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
}
