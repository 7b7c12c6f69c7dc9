/**
 * Server push: each process LISTENs once on the database and forwards "commission X has changes
 * up to N" to its own SSE subscribers. A change pushed through any process reaches the clients
 * of every process, with no state shared between processes but the database.
 */
import type { Database } from './db.js';
import { CHANGES_CHANNEL } from './push.js';

export type Subscriber = (cursor: number) => void;

export class ChangeHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private stop: (() => Promise<void>) | null = null;

  async start(db: Database): Promise<void> {
    this.stop = await db.listen(CHANGES_CHANNEL, (payload) => {
      const at = payload.lastIndexOf(':');
      const commission = payload.slice(0, at);
      const cursor = Number(payload.slice(at + 1));
      if (!commission || !Number.isFinite(cursor)) return;
      for (const fn of this.subscribers.get(commission) ?? []) fn(cursor);
    });
  }

  subscribe(commission: string, fn: Subscriber): () => void {
    let set = this.subscribers.get(commission);
    if (!set) this.subscribers.set(commission, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (!set.size) this.subscribers.delete(commission);
    };
  }

  get size(): number {
    let n = 0;
    for (const s of this.subscribers.values()) n += s.size;
    return n;
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.subscribers.clear();
  }
}
