import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { HybridClock } from '../../../src-shared/clock.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import { describeIssues, parseArgs } from '../../../src-shared/contract/parse.js';
import { newId } from '../../../src-shared/ids.js';
import { AuditLog, publicEntry, type JournalEntry, type StoredChange } from './audit-log.js';
import { BlobStore } from './blobs.js';
import { collectionNames, collections, isCollectionName, type CollectionName, type RecordOf } from './collections.js';
import { fsyncDir, fsyncFile, writeFileDurable } from './durable.js';
import { acquireLock } from './lock.js';
import { migrations, SCHEMA_VERSION } from './migrations.js';

interface ShardData {
  records: Record<string, unknown>[];
}

interface Meta {
  schemaVersion: number;
  nodeId: string;
  createdAt: string;
}

export interface MutationContext {
  readonly actor: string;
  get<C extends CollectionName>(collection: C, id: string): RecordOf<C> | undefined;
  all<C extends CollectionName>(collection: C): RecordOf<C>[];
  newId(): string;
}

/** A record as a mutation returns it; the store stamps its hlc. */
export type Put = {
  [C in CollectionName]: { collection: C; record: Omit<RecordOf<C>, 'hlc'> & { hlc?: string } };
}[CollectionName];

export interface MutationDef<S extends z.ZodType, R> {
  name: string;
  args: S;
  apply(ctx: MutationContext, args: z.output<S>): { puts: Put[]; result: (stamped: StoredChange[]) => R };
}

export function defineMutation<S extends z.ZodType, R>(def: MutationDef<S, R>): MutationDef<S, R> {
  return def;
}

export class Store {
  readonly blobs: BlobStore;
  private readonly records = new Map<CollectionName, Map<string, Record<string, unknown>>>();
  private readonly shards = new Map<string, Low<ShardData>>();
  private readonly audit: AuditLog;
  private clock!: HybridClock;
  private queue: Promise<unknown> = Promise.resolve();
  private release: (() => Promise<void>) | undefined;
  private meta!: Meta;

  private constructor(readonly dataDir: string) {
    this.blobs = new BlobStore(join(dataDir, 'blobs'));
    this.audit = new AuditLog(join(dataDir, 'audit', 'log.jsonl'));
    for (const name of collectionNames) this.records.set(name, new Map());
  }

  static async open(dataDir: string): Promise<Store> {
    const store = new Store(dataDir);
    await mkdir(join(dataDir, 'audit'), { recursive: true });
    await mkdir(join(dataDir, 'blobs'), { recursive: true });
    await mkdir(join(dataDir, 'data'), { recursive: true });
    store.release = await acquireLock(join(dataDir, 'sesiona.lock'));
    try {
      await store.load();
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  get schemaVersion(): number {
    return this.meta.schemaVersion;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.release?.();
    this.release = undefined;
  }

  get<C extends CollectionName>(collection: C, id: string): RecordOf<C> | undefined {
    return this.records.get(collection)!.get(id) as RecordOf<C> | undefined;
  }

  all<C extends CollectionName>(collection: C): RecordOf<C>[] {
    return [...this.records.get(collection)!.values()] as RecordOf<C>[];
  }

  count(collection: CollectionName): number {
    return this.records.get(collection)!.size;
  }

  isEmpty(): boolean {
    return collectionNames.every((c) => this.count(c) === 0);
  }

  async auditEntries(limit: number) {
    const all = await this.audit.readAll();
    return all.slice(-limit).reverse().map(publicEntry);
  }

  async verifyAudit() {
    return AuditLog.verify(await this.audit.readAll());
  }

  /**
   * The one path by which data changes: validate arguments, compute the records, validate them,
   * journal them (the commit point), then write the shards. Returns once all of it is on disk.
   * Mutations run one at a time.
   */
  mutate<S extends z.ZodType, R>(def: MutationDef<S, R>, rawArgs: unknown, actor: string): Promise<R> {
    const run = this.queue.then(() => this.applyMutation(def, rawArgs, actor));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async applyMutation<S extends z.ZodType, R>(def: MutationDef<S, R>, rawArgs: unknown, actor: string): Promise<R> {
    const args = parseArgs(def.args, rawArgs);
    const ctx: MutationContext = {
      actor,
      get: (c, id) => this.get(c, id),
      all: (c) => this.all(c),
      newId: () => newId(),
    };
    const { puts, result } = def.apply(ctx, args);
    const hlc = this.clock.now();
    const changes: StoredChange[] = puts.map((put) => {
      const schema = collections[put.collection].schema as z.ZodType;
      const parsed = schema.safeParse({ ...put.record, hlc });
      if (!parsed.success) throw new AppError('INVALID_ARGUMENT', describeIssues(parsed.error));
      return { collection: put.collection, record: parsed.data as StoredChange['record'] };
    });
    const entry = await this.audit.append({
      at: new Date().toISOString(),
      hlc,
      actor,
      mutation: def.name,
      records: changes.map((c) => ({ collection: c.collection, id: c.record.id })),
      changes,
    });
    await this.applyChanges(entry.changes);
    return result(changes);
  }

  private async applyChanges(changes: StoredChange[]): Promise<void> {
    const touched = new Set<string>();
    for (const change of changes) {
      this.records.get(change.collection)!.set(change.record.id, change.record);
      const shard = this.shardKey(change.collection, change.record);
      touched.add(shard);
    }
    const dirs = new Set<string>();
    for (const key of touched) {
      const [collection, shard] = key.split('/') as [CollectionName, string];
      const db = await this.shard(collection, shard);
      db.data.records = this.all(collection).filter((r) => this.shardKey(collection, r) === key);
      await db.write();
      const file = this.shardPath(collection, shard);
      await fsyncFile(file);
      dirs.add(join(this.dataDir, 'data', collection));
    }
    for (const dir of dirs) await fsyncDir(dir);
  }

  private shardKey(collection: CollectionName, record: unknown): string {
    const shardOf = collections[collection].shardOf as (r: unknown) => string;
    return `${collection}/${shardOf(record)}`;
  }

  private shardPath(collection: CollectionName, shard: string): string {
    return join(this.dataDir, 'data', collection, `${shard}.json`);
  }

  private async shard(collection: CollectionName, shard: string): Promise<Low<ShardData>> {
    const key = `${collection}/${shard}`;
    let db = this.shards.get(key);
    if (!db) {
      await mkdir(join(this.dataDir, 'data', collection), { recursive: true });
      db = new Low<ShardData>(new JSONFile(this.shardPath(collection, shard)), { records: [] });
      await db.read();
      this.shards.set(key, db);
    }
    return db;
  }

  private async load(): Promise<void> {
    this.meta = await this.loadMeta();
    this.clock = new HybridClock(this.meta.nodeId);
    const { readdir } = await import('node:fs/promises');
    for (const collection of await readdir(join(this.dataDir, 'data'))) {
      if (!isCollectionName(collection)) continue;
      const files = await readdir(join(this.dataDir, 'data', collection));
      for (const file of files.filter((f) => f.endsWith('.json'))) {
        const db = await this.shard(collection, file.slice(0, -'.json'.length)).catch(() => {
          throw new AppError('STORAGE', `El archivo de datos ${collection}/${file} está dañado y no se puede leer.`);
        });
        for (const record of db.data.records ?? []) {
          const parsed = collections[collection].schema.safeParse(record);
          if (!parsed.success) {
            throw new AppError('STORAGE', `Un registro de ${collection}/${file} no es válido: ${describeIssues(parsed.error)}`);
          }
          this.records.get(collection)!.set(parsed.data.id, parsed.data as Record<string, unknown>);
        }
      }
    }
    const journal = await this.audit.open();
    await this.redo(journal.at(-1));
    for (const entry of journal.slice(-1)) this.clock.receive(entry.hlc);
    for (const c of collectionNames) for (const r of this.all(c)) this.clock.receive(r.hlc);
  }

  /** A crash between the journal append and the shard writes leaves the last entry to reapply. */
  private async redo(last: JournalEntry | undefined): Promise<void> {
    if (!last) return;
    const missing = last.changes.filter((c) => {
      const current = this.records.get(c.collection)?.get(c.record.id) as { hlc: string } | undefined;
      return !current || current.hlc < c.record.hlc;
    });
    if (missing.length) await this.applyChanges(missing);
  }

  private async loadMeta(): Promise<Meta> {
    const path = join(this.dataDir, 'meta.json');
    let meta: Meta;
    try {
      meta = JSON.parse(await readFile(path, 'utf8')) as Meta;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new AppError('STORAGE', 'El archivo meta.json de la carpeta de datos está dañado.');
      }
      meta = { schemaVersion: SCHEMA_VERSION, nodeId: newId().slice(-10), createdAt: new Date().toISOString() };
      await writeFileDurable(path, JSON.stringify(meta, null, 2));
      return meta;
    }
    if (meta.schemaVersion > SCHEMA_VERSION) {
      throw new AppError(
        'STORAGE',
        `Los datos fueron escritos por una versión más reciente de Sesiona (formato ${meta.schemaVersion}); actualice la aplicación.`,
      );
    }
    for (const migration of migrations.filter((m) => m.to > meta.schemaVersion)) {
      await migration.up(this.dataDir);
      meta = { ...meta, schemaVersion: migration.to };
      await writeFileDurable(path, JSON.stringify(meta, null, 2));
    }
    return meta;
  }
}
