import type { VaultKey } from '../keystore/vault-key.js';
import type { Store } from '../store/store.js';
import { SyncEngine } from './engine.js';

/** One engine per open store, whoever asks first (a handler, the app's start, the CLI). */
const engines = new WeakMap<Store, Promise<SyncEngine>>();

export function engineFor(store: Store, vault?: VaultKey): Promise<SyncEngine> {
  let engine = engines.get(store);
  if (!engine) {
    engine = SyncEngine.open(store, vault);
    engines.set(store, engine);
    engine.catch(() => engines.delete(store));
  }
  return engine;
}

/** At the app's start: sync in the background when this folder already has a server. */
export async function startBackgroundSync(store: Store, vault: VaultKey): Promise<void> {
  const engine = await engineFor(store, vault);
  if (engine.configured) engine.startBackground();
}

export async function closeSync(store: Store): Promise<void> {
  const engine = engines.get(store);
  engines.delete(store);
  await (await engine?.catch(() => undefined))?.close();
}
