import { dispatch } from '../../src-main/services/api.js';
import { openApp, type OpenedApp } from '../../src-main/services/app/open-app.js';
import type { ArgsOf, CallName, ResultOf } from '../../src-shared/contract/index.js';
import { tempDir } from './temp.js';

/** An app over a fresh demo data folder, called the way the screens call it. */
export async function sessionApp() {
  const dir = await tempDir();
  const app: OpenedApp = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria', demo: true });
  async function call<K extends CallName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
    const reply = await dispatch(app.handlers, name, args);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.value as ResultOf<K>;
  }
  /** The Spanish message of a refused call. */
  async function refused<K extends CallName>(name: K, args: ArgsOf<K>): Promise<string> {
    const reply = await dispatch(app.handlers, name, args);
    if (reply.ok) throw new Error(`${name} was accepted`);
    return reply.error.message;
  }
  const cmi = () => app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
  return {
    app,
    call,
    refused,
    cmi,
    dir: dir.path,
    async close() {
      await app.close();
      await dir.cleanup();
    },
  };
}
