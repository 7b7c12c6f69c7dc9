import { hostname, userInfo } from 'node:os';
import { createHandlers, type Handlers } from '../api.js';
import { createServiceContext, type ServiceContext } from '../context.js';
import { signIn } from '../accounts/accounts.js';
import { ensureDemo } from '../demo/load-demo.js';
import { ensurePeopleLinked } from '../people/people.js';
import { ONE_TIME_STEPS } from './one-time-steps.js';
import type { KeyStore } from '../keystore/keystore.js';
import { VaultKey } from '../keystore/vault-key.js';
import { reconcilePrintJobs, usePrinters } from '../printing/jobs.js';
import type { PrinterPort } from '../printing/port.js';
import { Store } from '../store/store.js';
import { runUpgrades } from '../store/upgrades.js';
import { closeSync, startBackgroundSync } from '../sync/registry.js';

export interface OpenAppOptions {
  dataDir: string;
  host: ServiceContext['host'];
  /** The OS key store (Electron) or a passphrase given at start; without one the vault waits for Ajustes. */
  keyStore?: KeyStore;
  /** Who changes are attributed to; defaults to the OS user at this host until sign-in exists. */
  actor?: string;
  /** Start signed in as this account (web host and CLI `--user U --password-file F`). */
  user?: { username: string; password: string };
  /** Load the demo data into an empty folder (the first start a new user sees). Default true. */
  demo?: boolean;
  /**
   * When the key store cannot unlock the data key: by default the open fails; given this, the app
   * opens with the vault locked and the error is reported here.
   */
  onKeyStoreError?: (e: unknown) => void;
  /** The printer port (tests); the operating system's otherwise. */
  printers?: PrinterPort;
}

export interface OpenedApp {
  store: Store;
  vault: VaultKey;
  context: ServiceContext;
  handlers: Handlers;
  /** Print jobs a previous run sent but did not record, settled from the printing system's history. */
  printsReconciled: Promise<unknown>;
  /** Refuses further changes, waits for the ones under way, then lets go of the data folder. */
  close(): Promise<void>;
}

/** The OS account and machine: the audit actor until people sign in (identity issue). */
export function localActor(): string {
  let user: string | undefined;
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back to the environment.
  }
  user ||= process.env.USER ?? process.env.USERNAME ?? 'desconocido';
  return `${user}@${hostname() || 'localhost'}`;
}

/** The one way to open Sesiona over a data folder: Electron, the web host and tests share it. */
export async function openApp(options: OpenAppOptions): Promise<OpenedApp> {
  const store = await Store.open(options.dataDir);
  try {
    if (options.demo ?? true) await ensureDemo(store, 'sistema');
    await ensurePeopleLinked(store, 'sistema');
    // One-time data steps: each runs in a folder until it is recorded there, then never scans again.
    await runUpgrades(store, ONE_TIME_STEPS, 'sistema');
    const vault = new VaultKey(options.dataDir, options.keyStore);
    try {
      await vault.unlockWithKeyStore();
    } catch (e) {
      if (!options.onKeyStoreError) throw e;
      options.onKeyStoreError(e);
    }
    const context = createServiceContext({
      store,
      vault,
      host: options.host,
      actor: options.actor ?? localActor(),
      requireSignIn: options.host !== 'cli',
    });
    if (options.user) await signIn(context, options.user.username, options.user.password);
    const handlers = createHandlers(context);
    // The CLI syncs only when asked (`sesiona sync`); the app syncs at start when it has a server.
    if (options.host !== 'cli') void startBackgroundSync(store, vault).catch(() => undefined);
    if (options.printers) usePrinters(context, options.printers);
    // In the background: asking the printing system must not delay opening.
    const printsReconciled = reconcilePrintJobs(context).catch(() => undefined);
    let closing: Promise<void> | undefined;
    return {
      store,
      vault,
      context,
      handlers,
      printsReconciled,
      close() {
        context.readOnly = 'Sesiona se está cerrando; el cambio no se guardó.';
        closing ??= printsReconciled.then(() => closeSync(store)).then(() => store.close());
        return closing;
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
