/** A "laptop" for sync tests: the app opened on its own data folder, called as its screens would. */
import * as Y from 'yjs';
import { dispatch } from '../../src-main/services/api.js';
import { openApp, type OpenedApp } from '../../src-main/services/app/open-app.js';
import type { ArgsOf, CallName, ResultOf } from '../../src-shared/contract/index.js';
import { tempDir } from '../support/temp.js';

export interface Laptop {
  app: OpenedApp;
  call<K extends CallName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>>;
  /** The Spanish message of a refused call (throws when it is accepted). */
  refused<K extends CallName>(name: K, args: ArgsOf<K>): Promise<string>;
  close(): Promise<void>;
}

export async function laptop(demo: boolean, actor = 'secretaria'): Promise<Laptop> {
  const dir = await tempDir();
  const app = await openApp({ dataDir: dir.path, host: 'cli', actor, demo });
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

/** The draft's "prueba" text, where the sync tests type. */
export async function textOf(l: Laptop, draftId: string): Promise<string> {
  const state = await l.call('drafts.get', { id: draftId });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(state.state, 'base64'));
  return doc.getText('prueba').toString();
}
