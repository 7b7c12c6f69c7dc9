/** A data folder opened as the app opens it ("a laptop"), driven through the contract as its screens do. */
import { dispatch } from '../../src-main/services/api.js';
import { openApp, type OpenedApp } from '../../src-main/services/app/open-app.js';
import type { ArgsOf, CallName, ResultOf } from '../../src-shared/contract/index.js';
import type { Database } from '../../src-server/db.js';
import { tempDir } from '../support/temp.js';
import { openBackend, PASSWORD, startTestServer, type Backend, type TestServer } from './harness.js';

export interface Laptop {
  app: OpenedApp;
  call<K extends CallName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>>;
  refused<K extends CallName>(name: K, args: ArgsOf<K>): Promise<string>;
  close(): Promise<void>;
}

export async function laptop(demo: boolean): Promise<Laptop> {
  const dir = await tempDir();
  const app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria', demo });
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
    call,
    refused,
    async close() {
      await app.close();
      await dir.cleanup();
    },
  };
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
