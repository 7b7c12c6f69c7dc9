/** A data folder opened as the app opens it ("a laptop"), called through the handlers, for the sync tests. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { dispatch } from '../../src-main/services/api.js';
import { openApp, type OpenedApp } from '../../src-main/services/app/open-app.js';
import type { ArgsOf, CallName, ResultOf } from '../../src-shared/contract/index.js';
import type { Database } from '../../src-server/db.js';
import { tempDir } from '../support/temp.js';
import { openBackend, PASSWORD, startTestServer, type Backend, type TestServer } from './harness.js';

export interface Laptop {
  app: OpenedApp;
  /** The temporary folder around the data folder: free for a test's own files. */
  dir: string;
  call<K extends CallName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>>;
  /** The Spanish message of a refused call (throws when it is accepted). */
  refused<K extends CallName>(name: K, args: ArgsOf<K>): Promise<string>;
  close(): Promise<void>;
}

/** With `passphrase`, the vault is unlocked (signing, sealing); the data folder is `dir/datos`. */
export async function laptop(demo: boolean, options: { passphrase?: string; actor?: string } = {}): Promise<Laptop> {
  return opened(await tempDir(), demo, options);
}

/** The same data folder opened again, as after a restart: `l` must be closed with `l.app.close()` first. */
export function reopen(l: Laptop, options: { passphrase?: string; actor?: string } = {}): Promise<Laptop> {
  return opened({ path: l.dir, cleanup: () => rm(l.dir, { recursive: true, force: true }) }, false, options);
}

async function opened(dir: { path: string; cleanup(): Promise<void> }, demo: boolean, options: { passphrase?: string; actor?: string }): Promise<Laptop> {
  const app = await openApp({ dataDir: join(dir.path, 'datos'), host: 'cli', actor: options.actor ?? 'secretaria', demo });
  if (options.passphrase) await app.vault.unlockWithPassphrase(options.passphrase);
  const call = async <K extends CallName>(name: K, args: ArgsOf<K>) => {
    const reply = await dispatch(app.handlers, name, args);
    if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
    return reply.value as ResultOf<K>;
  };
  const refused = async <K extends CallName>(name: K, args: ArgsOf<K>) => {
    const reply = await dispatch(app.handlers, name, args);
    if (reply.ok) throw new Error(`${name} was accepted`);
    return reply.error.message;
  };
  return {
    app,
    dir: dir.path,
    call,
    refused,
    async close() {
      await app.close();
      await dir.cleanup();
    },
  };
}

/** The draft's "prueba" text, where the sync tests type. */
export async function textOf(l: Laptop, draftId: string): Promise<string> {
  const state = await l.call('drafts.get', { id: draftId });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(state.state, 'base64'));
  return doc.getText('prueba').toString();
}

export interface Office {
  db: Database;
  server: TestServer;
  /** With the demo data. */
  a: Laptop;
  /** Empty. */
  b: Laptop;
  close(): Promise<void>;
}

/** One server on `backend` and two laptops signed in to it as the secretary. */
export async function twoLaptops(backend: Backend): Promise<Office> {
  const db = await openBackend(backend);
  const server = await startTestServer(db);
  await server.user('secretaria', 'CMI', 'secretaria');
  const a = await laptop(true);
  const b = await laptop(false);
  for (const l of [a, b]) await l.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD });
  return {
    db,
    server,
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await server.close();
      await db.close();
    },
  };
}
