import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHandlers, dispatch } from '../services/api.js';
import { resolveDataDir } from '../services/data-dir.js';
import { ensureDemo } from '../services/demo/load-demo.js';
import { Store } from '../services/store/store.js';
import { VaultKey } from '../services/keystore/vault-key.js';
import { installMenu } from './menu.js';
import { safeStorageKeyStore } from './safe-storage-keystore.js';
import { hardenContents, hardenSession, isTrustedSender } from './security.js';

let window: BrowserWindow | undefined;
let store: Store | undefined;

const rendererFile = join(__dirname, '../renderer/index.html');
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(rendererFile).href;

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
    webPreferences: {
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
    },
  });
  hardenContents(window.webContents);
  window.once('ready-to-show', () => window?.show());
  if (process.env.ELECTRON_RENDERER_URL) await window.loadURL(process.env.ELECTRON_RENDERER_URL);
  else await window.loadFile(rendererFile);
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
    const dataDir = resolveDataDir(dataDirFromArgv(), process.env, app.getPath('userData'));
    store = await Store.open(dataDir);
    await ensureDemo(store, 'sistema');
    const vault = new VaultKey(dataDir, safeStorageKeyStore);
    await vault.unlockWithKeyStore().catch((e: unknown) => console.error('[sesiona] key store unavailable', e));
    const handlers = createHandlers({ store, vault, host: 'electron', actor: 'usuario-local' });
    ipcMain.handle('sesiona:call', async (event, name: unknown, args: unknown) => {
      if (!isTrustedSender(event.senderFrame, window, rendererUrl)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Solicitud rechazada: no proviene de la ventana de Sesiona.' } };
      }
      return dispatch(handlers, name, args);
    });
    await createWindow();
  }).catch((e: unknown) => {
    console.error('[sesiona] failed to start', e);
    app.quit();
  });
  app.on('window-all-closed', () => {
    void store?.close().finally(() => app.quit());
  });
}
