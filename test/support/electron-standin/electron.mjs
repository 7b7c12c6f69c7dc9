// A stand-in for the `electron` module: records what the main process asks of it, so its
// wiring can be checked in plain Node. It imitates nothing of Electron's behaviour.
import { pathToFileURL } from 'node:url';

export const record = {
  windows: [],
  ipc: new Map(),
  permissionRequest: undefined,
  permissionCheck: undefined,
  headersReceived: undefined,
  appEvents: new Map(),
  menu: undefined,
  quit: 0,
  errorBoxes: [],
};

let readyResolve;
const ready = new Promise((r) => (readyResolve = r));
queueMicrotask(() => readyResolve());

export const app = {
  isPackaged: process.env.STANDIN_PACKAGED === '1',
  requestSingleInstanceLock: () => true,
  on(event, fn) {
    record.appEvents.set(event, fn);
    return app;
  },
  whenReady: () => ready,
  getPath: (name) => {
    if (name !== 'userData') throw new Error(`stand-in: getPath(${name})`);
    return process.env.STANDIN_USER_DATA;
  },
  quit() {
    record.quit++;
  },
};

function contents() {
  const listeners = new Map();
  return {
    mainFrame: { url: 'about:blank' },
    windowOpenHandler: undefined,
    listeners,
    setWindowOpenHandler(fn) {
      this.windowOpenHandler = fn;
    },
    on(event, fn) {
      listeners.set(event, fn);
    },
  };
}

export class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = contents();
    this.loaded = undefined;
    this.events = new Map();
    record.windows.push(this);
  }
  once(event, fn) {
    this.events.set(event, fn);
  }
  async loadFile(file) {
    this.loaded = { file };
    this.webContents.mainFrame.url = pathToFileURL(file).href;
  }
  async loadURL(url) {
    this.loaded = { url };
    this.webContents.mainFrame.url = url;
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  show() {}
  focus() {}
  restore() {}
}

export const ipcMain = {
  handle(channel, fn) {
    if (record.ipc.has(channel)) throw new Error(`stand-in: second handler for ${channel}`);
    record.ipc.set(channel, fn);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => (record.permissionRequest = fn),
    setPermissionCheckHandler: (fn) => (record.permissionCheck = fn),
    webRequest: { onHeadersReceived: (fn) => (record.headersReceived = fn) },
  },
};

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => process.env.STANDIN_BACKEND ?? 'gnome_libsecret',
  encryptString: (s) => Buffer.from(`standin:${s}`),
  decryptString: (b) => b.toString().replace(/^standin:/, ''),
};

export const dialog = {
  showErrorBox: (title, content) => record.errorBoxes.push({ title, content }),
};

export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (menu) => (record.menu = menu),
};

export default { app, BrowserWindow, dialog, ipcMain, session, safeStorage, Menu };
