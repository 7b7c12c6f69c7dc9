import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import { DEMO_RFCS, recordDemoRfcs } from './people.js';
import { tempDir } from './temp.js';

export const SIGNER_PASSWORD = 'contraseña firmante';

/** The demo data with its people's RFCs recorded and an unlocked vault, called through the handlers. */
export interface DemoApp {
  /** A temporary folder holding the data folder (`datos/`); free for a test's own files. */
  dir: string;
  store: Store;
  handlers: Handlers;
  call: (name: Parameters<typeof dispatch>[1], args: unknown) => ReturnType<typeof dispatch>;
  ok: <T>(name: Parameters<typeof dispatch>[1], args: unknown) => Promise<T>;
  close(): Promise<void>;
}

export async function demoApp(): Promise<DemoApp> {
  const dir = await tempDir();
  const data = join(dir.path, 'datos');
  const store = await Store.open(data);
  await ensureDemo(store, 'sistema');
  await recordDemoRfcs(store);
  const vault = new VaultKey(data, undefined);
  await vault.unlockWithPassphrase('frase de acceso segura');
  const handlers = createHandlers({ store, vault, host: 'web', actor: 'secretaria' });
  const call: DemoApp['call'] = (name, args) => dispatch(handlers, name, args);
  return {
    dir: dir.path,
    store,
    handlers,
    call,
    async ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
      const reply = await call(name, args);
      if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
      return reply.value as T;
    },
    async close() {
      await store.close();
      await dir.cleanup();
    },
  };
}

export interface SigningApp extends DemoApp {
  /** SAT-format credentials from the test CA, by the demo person's name as printed. */
  credentials: Record<string, { kind: 'sat'; cer: string; key: string }>;
}

/**
 * The demo app and, for each name given, a certificate from a throw-away test CA: what a signing
 * test needs before its first call.
 */
export async function signingApp(names: string[]): Promise<SigningApp> {
  const app = await demoApp();
  const ca = join(app.dir, 'ca');
  await initCa(ca, { password: 'clave de la CA', name: 'AC de pruebas' });
  const credentials: SigningApp['credentials'] = {};
  for (const [i, name] of names.entries()) {
    const rfc = DEMO_RFCS[name];
    if (!rfc) throw new Error(`no demo RFC for ${name}`);
    const { certificatePath, keyPath } = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA', name, rfc, password: SIGNER_PASSWORD, outDir: join(app.dir, `firmante-${i}`) });
    credentials[name] = { kind: 'sat', cer: (await readFile(certificatePath)).toString('base64'), key: (await readFile(keyPath)).toString('base64') };
  }
  return { ...app, credentials };
}
