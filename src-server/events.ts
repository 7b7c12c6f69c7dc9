/**
 * Server push: each process LISTENs once on the database and forwards "commission X has changes
 * up to N" to its own SSE subscribers. A change pushed through any process reaches the clients
 * of every process, with no state shared between processes but the database.
 */
import { ACCOUNTS_CHANNEL } from './accounts.js';
import type { Database } from './db.js';
import { CHANGES_CHANNEL } from './push.js';

export type Subscriber = (cursor: number) => void;

export class ChangeHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly accountWatchers = new Map<string, Set<(accountId: string) => void>>();
  private stop: (() => Promise<void>) | null = null;
  private stopAccounts: (() => Promise<void>) | null = null;

  async start(db: Database): Promise<void> {
    this.stop = await db.listen(CHANGES_CHANNEL, (payload) => {
      const at = payload.lastIndexOf(':');
      const commission = payload.slice(0, at);
      const cursor = Number(payload.slice(at + 1));
      if (!commission || !Number.isFinite(cursor)) return;
      for (const fn of this.subscribers.get(commission) ?? []) fn(cursor);
    });
    this.stopAccounts = await db.listen(ACCOUNTS_CHANNEL, (payload) => {
      const at = payload.indexOf(':');
      const commission = payload.slice(0, at);
      const accountId = payload.slice(at + 1);
      if (!commission || !accountId) return;
      for (const fn of this.accountWatchers.get(commission) ?? []) fn(accountId);
    });
  }

  /** Account changes (role, password, disabled, removed) in a commission, through any process. */
  watchAccounts(commission: string, fn: (accountId: string) => void): () => void {
    return addTo(this.accountWatchers, commission, fn);
  }

  subscribe(commission: string, fn: Subscriber): () => void {
    return addTo(this.subscribers, commission, fn);
  }

  get size(): number {
    let n = 0;
    for (const s of this.subscribers.values()) n += s.size;
    return n;
  }

  async close(): Promise<void> {
    await this.stop?.();
    await this.stopAccounts?.();
    this.subscribers.clear();
    this.accountWatchers.clear();
  }
}

/** Adds `fn` under `key`; returns its removal, which drops the key's set once empty. */
function addTo<T>(map: Map<string, Set<T>>, key: string, fn: T): () => void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(fn);
  return () => {
    set.delete(fn);
    if (!set.size) map.delete(key);
  };
}
