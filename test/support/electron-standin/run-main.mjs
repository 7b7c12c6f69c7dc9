// Loads the built main bundle (out/main/index.js) against the stand-in and prints, as JSON,
// what it wired: the window's options, the permission answers, and how every IPC handler
// answers a foreign sender and our own window.
import { register } from 'node:module';

if (!process.env.STANDIN_USER_DATA) throw new Error('set STANDIN_USER_DATA to a scratch folder');

register('./hooks.mjs', import.meta.url);
const { record } = await import('electron');
const bundle = process.argv[2];
await import(bundle);

const deadline = Date.now() + 30_000;
while (!record.windows[0]?.loaded) {
  if (record.quit > 0) {
    // It gave up before making a window: what it told the person, and nothing more to check.
    process.stdout.write(JSON.stringify({ windows: 0, quit: record.quit, errorBoxes: record.errorBoxes }));
    process.exit(0);
  }
  if (Date.now() > deadline) throw new Error('no window was created');
  await new Promise((r) => setTimeout(r, 20));
}
const win = record.windows[0];

let permission;
record.permissionRequest?.({}, 'media', (granted) => (permission = granted));
const foreignFrame = { url: win.webContents.mainFrame.url };
const calls = {};
for (const [channel, handler] of record.ipc) {
  const foreign = await handler({ senderFrame: foreignFrame }, {});
  const nullFrame = await handler({ senderFrame: null }, {});
  calls[channel] = { foreign, nullFrame };
}
const own = await record.ipc.get('sesiona:app.info')?.({ senderFrame: win.webContents.mainFrame }, {});
let prevented = false;
win.webContents.listeners.get('will-navigate')?.({ preventDefault: () => (prevented = true) });
const opened = win.webContents.windowOpenHandler?.({ url: 'https://example.org' });

process.stdout.write(
  JSON.stringify({
    windows: record.windows.length,
    webPreferences: win.options.webPreferences,
    loaded: win.loaded,
    permission,
    permissionCheck: record.permissionCheck?.(),
    channels: [...record.ipc.keys()],
    calls,
    own,
    navigationPrevented: prevented,
    windowOpen: opened,
    menu: Array.isArray(record.menu),
  }),
);
// The main process keeps the data folder locked until the app quits, as Electron would.
await record.appEvents.get('window-all-closed')?.();
await new Promise((r) => setTimeout(r, 200));
process.exit(0);
