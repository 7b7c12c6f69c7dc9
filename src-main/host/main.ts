import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openApp } from '../services/app/open-app.js';
import { resolveDataDir } from '../services/data-dir.js';
import { PassphraseKeyStore } from '../services/keystore/passphrase-keystore.js';
import { APP_PATH, createHostServer } from './server.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningHost {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startHost(options: {
  dataDir: string;
  port?: number;
  rendererDir?: string;
  passphrase?: string;
  /** Start signed in (scripts and end-to-end tests); without it the screen asks. */
  user?: { username: string; password: string };
}): Promise<RunningHost> {
  const opened = await openApp({
    dataDir: options.dataDir,
    host: 'web',
    ...(options.user ? { user: options.user } : {}),
    ...(options.passphrase ? { keyStore: new PassphraseKeyStore(options.passphrase) } : {}),
  });
  const { handlers } = opened;
  const { server, token } = createHostServer({ handlers, rendererDir: options.rendererDir ?? join(projectRoot, 'out', 'renderer') });
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, '127.0.0.1', () => ok());
    });
  } catch (e) {
    await opened.close();
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    // The token rides in the fragment, which browsers never send: the page hands it to its client.
    url: `http://127.0.0.1:${port}${APP_PATH}#token=${token}`,
    token,
    port,
    close: async () => {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await opened.close();
    },
  };
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => console.log('No se pudo abrir el navegador; abra la dirección de arriba.'));
    child.unref();
  } catch {
    console.log('No se pudo abrir el navegador; abra la dirección de arriba.');
  }
}

export async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        'passphrase-file': { type: 'string' },
        user: { type: 'string' },
        'password-file': { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`error: ${(e as Error).message}\nusage: npm run start:web -- [--data-dir DIR] [--port N] [--no-open] [--passphrase-file F] [--user U --password-file F]`);
    process.exit(2);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`error: --port must be an integer between 0 and 65535, got "${values.port}"`);
    process.exit(2);
  }
  const passphrase = values['passphrase-file']
    ? (await readFile(values['passphrase-file'], 'utf8')).trim()
    : process.env.SESIONA_PASSPHRASE;
  if (Boolean(values.user) !== Boolean(values['password-file'])) {
    console.error('error: --user and --password-file go together');
    process.exit(2);
  }
  let user: { username: string; password: string } | undefined;
  if (values.user && values['password-file']) {
    try {
      user = { username: values.user, password: (await readFile(values['password-file'], 'utf8')).replace(/\r?\n$/, '') };
    } catch {
      console.error(`error: cannot read --password-file ${values['password-file']}`);
      process.exit(2);
    }
  }
  const dataDir = resolveDataDir(values['data-dir'], process.env);
  let host: RunningHost;
  try {
    host = await startHost({ dataDir, port, passphrase, ...(user ? { user } : {}) });
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  }
  console.log(`Sesiona (web) — datos en ${dataDir}`);
  console.log(`Abra: ${host.url}`);
  if (!values['no-open']) openBrowser(host.url);
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
