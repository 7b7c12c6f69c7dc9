import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { AuditCheck } from '../../../src-shared/contract/calls.js';
import { HybridClock } from '../../../src-shared/clock.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import { describeIssues, parseArgs } from '../../../src-shared/contract/parse.js';
import { newId } from '../../../src-shared/ids.js';
import { canonicalJson, publicEntry, verifyChain, type JournalEntry, type StoredChange } from './audit-log.js';
import { BlobStore } from './blobs.js';
import { readManifests, sha256, shardText, trusted, writeCheckpoint, type Manifest } from './checkpoint.js';
import { collectionNames, collections, isCollectionName, type CollectionName, type RecordOf } from './collections.js';
import { makeDir, ownerOnly, writeFileDurable } from './durable.js';
import { anchorProblem, newer, signHead, type HeadAnchor, type HeadSigner } from './head-anchor.js';
import { Journal } from './journal.js';
import { acquireLock } from './lock.js';
import { migrations, SCHEMA_VERSION } from './migrations.js';

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
  /**
   * Reads, checks and computes the records to write. It runs on the store's single queue, so
   * what it reads through `ctx` cannot change before its records are committed: every check a
   * write depends on belongs here, not before `mutate` is called.
   */
  apply(ctx: MutationContext, args: z.output<S>): { puts: Put[]; result: (stamped: StoredChange[]) => R };
  /** Replication only: each put keeps the hlc it brings (a remote change's clock) instead of a fresh stamp. */
  keepsHlc?: boolean;
}

export function defineMutation<S extends z.ZodType, R>(def: MutationDef<S, R>): MutationDef<S, R> {
  return def;
}

export interface StoreOptions {
  /** Journal entries after which a checkpoint is written in the background. */
  checkpointEvery?: number;
  /** A checkpoint is also written this long after the first unsaved change. */
  checkpointDelayMs?: number;
  /** Entries per journal segment. */
  segmentEntries?: number;
}

type Rec = { id: string; hlc: string } & Record<string, unknown>;

/** Records serialized between two yields to the event loop while a checkpoint is prepared. */
const SLICE = 5000;

export type { HeadSigner } from './head-anchor.js';

export interface MutateOptions {
  /**
   * Signs the chain head inside this very entry and from then on at every checkpoint: the entry
   * that creates the office seal, so the folder is never sealed without a signed head.
   */
  signHead?: HeadSigner;
}

/**
 * The local data store. The journal (audit/) is the commit point: a write appends one line,
 * fsyncs it, updates memory and returns. Shards (data/<collection>/<shard>.json, lowdb format)
 * are checkpoints written in the background and on close; opening reads the latest checkpoint
 * and replays the journal after it.
 */
export class Store {
  readonly blobs: BlobStore;
  private readonly records = new Map<CollectionName, Map<string, Rec>>();
  /** "collection/shard" → records, so a checkpoint serializes a shard without scanning others. */
  private readonly shards = new Map<string, Map<string, Rec>>();
  private readonly dirty = new Set<string>();
  private readonly journal: Journal;
  private clock!: HybridClock;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly lanes = new Map<string, Promise<unknown>>();
  private release: (() => Promise<void>) | undefined;
  private meta!: Meta;
  private manifest: Manifest | undefined;
  /** Hash of each shard file as it is on disk now: the base of the next manifest. */
  private onDisk: Record<string, string> = {};
  private failedNext: Manifest | undefined;
  private checkpointing: Promise<void> | undefined;
  /** Checkpoints run one after another, whoever asks (the timer, close, a test). */
  private checkpointChain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Damage found and repaired at open, reported by the audit check. */
  private readonly problems: string[] = [];
  private headSigner: HeadSigner | undefined;
  /** The newest signed chain head known: from the manifest, the journal, or a checkpoint since. */
  private anchor: HeadAnchor | undefined;
  private readonly checkpointEvery: number;
  private readonly checkpointDelayMs: number;
  /** Called right after each commit, on the queue: replication follows local changes with it. */
  private readonly commitListeners = new Set<(entry: JournalEntry) => void>();

  private constructor(
    readonly dataDir: string,
    options: StoreOptions,
  ) {
    this.blobs = new BlobStore(join(dataDir, 'blobs'));
    this.journal = new Journal(join(dataDir, 'audit'), options.segmentEntries ?? 5000);
    this.checkpointEvery = options.checkpointEvery ?? 2000;
    this.checkpointDelayMs = options.checkpointDelayMs ?? 5000;
    for (const name of collectionNames) this.records.set(name, new Map());
  }

  static async open(dataDir: string, options: StoreOptions = {}): Promise<Store> {
    const store = new Store(dataDir, options);
    await makeDir(dataDir);
    for (const sub of ['', 'audit', 'blobs', 'data']) {
      await makeDir(join(dataDir, sub));
      await ownerOnly(join(dataDir, sub));
    }
    store.release = await acquireLock(join(dataDir, 'sesiona.lock'));
    try {
      await removeTempFiles(dataDir);
      await store.load();
    } catch (e) {
      await store.journal.close();
      await store.release?.();
      store.release = undefined;
      throw e;
    }
    return store;
  }

  /** From now on every checkpoint's chain head is signed (the office seal, once the vault is open). */
  setHeadSigner(signer: HeadSigner | undefined): void {
    this.headSigner = signer;
  }

  /** Damage found outside the store (a seal certificate that does not match its key): reported by the audit check. */
  reportProblem(message: string): void {
    if (!this.problems.includes(message)) this.problems.push(message);
  }

  get schemaVersion(): number {
    return this.meta.schemaVersion;
  }

  /** Waits for pending writes, writes a last checkpoint, and releases the folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    await this.queue.catch(() => undefined);
    await this.checkpointing;
    await this.checkpoint().catch(() => undefined); // the journal already holds every change
    await this.journal.close();
    await this.release?.();
    this.release = undefined;
  }

  /** A live record; a deleted one (tombstone) is not found, as it is gone for every reader. */
  get<C extends CollectionName>(collection: C, id: string): RecordOf<C> | undefined {
    const record = this.records.get(collection)!.get(id);
    return record && !record.deleted ? (record as RecordOf<C>) : undefined;
  }

  /** Every live record of a collection (tombstones left out). */
  all<C extends CollectionName>(collection: C): RecordOf<C>[] {
    const out: RecordOf<C>[] = [];
    for (const record of this.records.get(collection)!.values()) if (!record.deleted) out.push(record as RecordOf<C>);
    return out;
  }

  count(collection: CollectionName): number {
    return this.records.get(collection)!.size;
  }

  isEmpty(): boolean {
    return collectionNames.every((c) => this.count(c) === 0);
  }

  /** Newest first; `before` pages back from an entry's seq without reading the whole log. */
  async auditEntries(limit: number, before?: number) {
    return (await this.journal.page(before, limit)).map(publicEntry);
  }

  /** Every journal entry with the records it wrote, oldest first: what timelines are built from. */
  async journalEntries(): Promise<JournalEntry[]> {
    await this.queue.catch(() => undefined);
    return (await this.journal.readAll()).entries;
  }

  /** Follows every commit from now on; returns the unsubscribe. See replication.ts. */
  onCommit(listener: (entry: JournalEntry) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** The journal's last position (entries are numbered from 1). */
  get journalSeq(): number {
    return this.journal.lastSeq;
  }

  /** Journal entries after position `seq`, oldest first, reading only the segments that hold them. */
  async journalAfter(seq: number): Promise<JournalEntry[]> {
    const last = this.journal.lastSeq;
    if (seq >= last) return [];
    return (await this.journal.page(last + 1, last - seq)).reverse();
  }

  /**
   * The audit check: the chain entry by entry, each sealed segment against its recorded hash,
   * the checkpoint's chain head, and a replay of the whole journal compared with the records.
   */
  async verifyAudit(): Promise<AuditCheck> {
    await this.queue.catch(() => undefined);
    const { entries, problems } = await this.journal.readAll();
    const chain = verifyChain(entries);
    problems.unshift(...this.problems);
    if (!chain.ok) problems.push(`La cadena de la bitácora se rompe en la entrada ${chain.brokenAt}: fue alterada.`);
    const m = this.manifest;
    if (m && m.seq > 0) {
      const at = entries[m.seq - 1];
      if (!at) problems.push(`Falta el final de la bitácora: el punto de control llega a la entrada ${m.seq} y la bitácora a ${entries.length}.`);
      else if (at.hash !== m.hash) problems.push(`La entrada ${m.seq} no es la que registró el punto de control: la cadena fue recalculada.`);
    }
    const anchor = await this.anchorProblem((seq) => Promise.resolve(entries[seq - 1]?.hash), entries.length);
    if (anchor) problems.push(anchor);
    problems.push(...this.compareWithReplay(entries));
    const ok = chain.ok && problems.length === 0;
    return {
      ok,
      entries: entries.length,
      ...(chain.brokenAt !== undefined ? { brokenAt: chain.brokenAt } : {}),
      ...(problems.length ? { problems } : {}),
    };
  }

  private anchorProblem(hashAt: (seq: number) => Promise<string | undefined>, lastSeq: number): Promise<string | undefined> {
    return anchorProblem({
      anchor: this.anchor,
      sealCertificate: this.all('settings').find((s) => s.seal)?.seal?.certificate,
      lastSeq,
      hashAt,
      certificate: (sha) => this.blobs.get(sha),
    });
  }

  private compareWithReplay(entries: JournalEntry[]): string[] {
    const replayed = new Map<string, StoredChange['record']>();
    for (const e of entries) for (const c of e.changes ?? []) replayed.set(`${c.collection}/${c.record.id}`, c.record);
    const out: string[] = [];
    let differ = 0;
    let missing = 0;
    let extra = 0;
    for (const c of collectionNames) {
      for (const [id, rec] of this.records.get(c)!) {
        const j = replayed.get(`${c}/${id}`);
        if (!j) extra++;
        else if (canonicalJson(j) !== canonicalJson(rec)) differ++;
        replayed.delete(`${c}/${id}`);
      }
    }
    missing = replayed.size;
    if (differ) out.push(`${differ} registro(s) no coinciden con lo que dice la bitácora.`);
    if (extra) out.push(`${extra} registro(s) no aparecen en la bitácora.`);
    if (missing) out.push(`${missing} registro(s) de la bitácora faltan en los datos.`);
    return out;
  }

  /**
   * The one path by which data changes: validate arguments, compute the records, validate them,
   * journal them (the commit point, fsynced), then update memory. Mutations run one at a time.
   */
  mutate<S extends z.ZodType, R>(def: MutationDef<S, R>, rawArgs: unknown, actor: string, options: MutateOptions = {}): Promise<R> {
    const run = this.queue.then(() => this.applyMutation(def, rawArgs, actor, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `fn` alone among callers holding the same key, for checks too slow for `apply` (a scrypt
   * PIN check takes ~80 ms): the check and the mutation it leads to happen as one step for that
   * key, while writes to other records go on. The mutation's `apply` still re-reads and re-checks.
   */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.lanes.get(key) ?? Promise.resolve();
    const run = prev.then(fn);
    const tail = run.catch(() => undefined);
    this.lanes.set(key, tail);
    void tail.then(() => {
      if (this.lanes.get(key) === tail) this.lanes.delete(key);
    });
    return run;
  }

  private async applyMutation<S extends z.ZodType, R>(def: MutationDef<S, R>, rawArgs: unknown, actor: string, options: MutateOptions): Promise<R> {
    if (this.closed) throw new AppError('READ_ONLY', 'El almacén de datos ya se cerró; no se guardó nada.');
    const args = parseArgs(def.args, rawArgs);
    const ctx: MutationContext = {
      actor,
      get: (c, id) => this.get(c, id),
      all: (c) => this.all(c),
      newId: () => newId(),
    };
    const { puts, result } = def.apply(ctx, args);
    if (def.keepsHlc) for (const put of puts) if (put.record.hlc) this.clock.receive(put.record.hlc);
    const hlc = this.clock.now();
    const changes: StoredChange[] = puts.map((put) => {
      const schema = collections[put.collection].schema as z.ZodType;
      const parsed = schema.safeParse({ ...put.record, hlc: (def.keepsHlc && put.record.hlc) || hlc });
      if (!parsed.success) throw new AppError('INVALID_ARGUMENT', describeIssues(parsed.error));
      return { collection: put.collection, record: parsed.data as StoredChange['record'] };
    });
    const head = options.signHead ? signHead(options.signHead, this.journal.lastSeq, this.journal.lastHash) : undefined;
    const entry = await this.journal.append({
      at: new Date().toISOString(),
      hlc,
      actor,
      mutation: def.name,
      records: changes.map((c) => ({ collection: c.collection, id: c.record.id })),
      changes,
      ...(head ? { head } : {}),
    });
    if (head) {
      this.anchor = newer(this.anchor, head);
      this.headSigner = options.signHead;
    }
    for (const change of changes) this.put(change.collection, change.record);
    for (const listener of this.commitListeners) {
      try {
        listener(entry);
      } catch (e) {
        console.error('[sesiona] commit listener failed:', e); // the commit itself stands
      }
    }
    this.scheduleCheckpoint();
    return result(changes);
  }

  private put(collection: CollectionName, record: Rec): void {
    const byId = this.records.get(collection)!;
    const key = this.shardKey(collection, record);
    const old = byId.get(record.id);
    if (old) {
      const oldKey = this.shardKey(collection, old);
      if (oldKey !== key) {
        this.shards.get(oldKey)?.delete(record.id);
        this.dirty.add(oldKey);
      }
    }
    byId.set(record.id, record);
    let shard = this.shards.get(key);
    if (!shard) this.shards.set(key, (shard = new Map()));
    shard.set(record.id, record);
    this.dirty.add(key);
  }

  private shardKey(collection: CollectionName, record: unknown): string {
    const shardOf = collections[collection].shardOf as (r: unknown) => string;
    return `${collection}/${shardOf(record)}`;
  }

  private scheduleCheckpoint(): void {
    if (this.closed || this.checkpointing) return;
    const pending = this.journal.lastSeq - (this.manifest?.seq ?? 0);
    if (pending >= this.checkpointEvery) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.checkpointing = this.checkpoint()
        .catch(() => undefined)
        .finally(() => (this.checkpointing = undefined));
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.checkpointing && this.dirty.size) {
          this.checkpointing = this.checkpoint()
            .catch(() => undefined)
            .finally(() => (this.checkpointing = undefined));
        }
      }, this.checkpointDelayMs);
      this.timer.unref();
    }
  }

  /**
   * Snapshot on the queue (no mutation half done), then write outside it so writes go on. On
   * failure the shards stay marked for the next one; the journal still holds every change.
   */
  checkpoint(): Promise<void> {
    const run = this.checkpointChain.then(() => this.checkpointOnce());
    this.checkpointChain = run.catch(() => undefined);
    return run;
  }

  private async checkpointOnce(): Promise<void> {
    // On the queue only the cheap part: which records (stored records are replaced, never
    // changed in place, so the arrays stay a consistent picture) and which chain head.
    const snap = await this.enqueue(() => {
      if (!this.dirty.size && this.manifest && this.manifest.seq === this.journal.lastSeq) return undefined;
      const keys = [...this.dirty];
      this.dirty.clear();
      const rows = keys.map((key) => ({ rel: `${key}.json`, records: [...(this.shards.get(key)?.values() ?? [])] }));
      return { keys, rows, seq: this.journal.lastSeq, hash: this.journal.lastHash, files: { ...this.onDisk }, prior: this.failedNext, anchor: this.anchor };
    });
    if (!snap) return;
    // Serialized in slices, so writes keep flowing while a large shard is written.
    const contents = new Map<string, string>();
    const files = snap.files;
    for (const { rel, records } of snap.rows) {
      const parts: string[] = [];
      for (let i = 0; i < records.length; i += SLICE) {
        parts.push(records.slice(i, i + SLICE).map((r) => JSON.stringify(r)).join(',\n'));
        if (i + SLICE < records.length) await new Promise((r) => setImmediate(r));
      }
      const text = shardText(parts);
      contents.set(rel, text);
      files[rel] = sha256(text);
    }
    const alternates: Record<string, string[]> = {};
    const prior = snap.prior;
    if (prior) {
      for (const [rel, h] of Object.entries(prior.files)) alternates[rel] = [h, ...(prior.alternates?.[rel] ?? [])];
    }
    const manifest: Manifest = {
      format: 1,
      seq: snap.seq,
      hash: snap.hash,
      at: new Date().toISOString(),
      files,
      ...(prior ? { alternates } : {}),
    };
    // Signed now when the seal is at hand; otherwise the newest signed head goes on unchanged.
    const anchor = this.headSigner ? signHead(this.headSigner, snap.seq, snap.hash) : snap.anchor;
    if (anchor) manifest.anchor = anchor;
    return this.writeSnapshot({ manifest, contents, keys: snap.keys });
  }

  private async writeSnapshot(snap: { manifest: Manifest; contents: Map<string, string>; keys: string[] }): Promise<void> {
    try {
      for (const key of snap.keys) await makeDir(join(this.dataDir, 'data', key.split('/')[0]!));
      await writeCheckpoint(this.dataDir, snap.manifest, snap.contents);
      this.manifest = snap.manifest;
      this.anchor = newer(this.anchor, snap.manifest.anchor);
      this.onDisk = { ...snap.manifest.files };
      this.failedNext = undefined;
    } catch (e) {
      this.failedNext = snap.manifest;
      for (const key of snap.keys) this.dirty.add(key);
      throw e;
    }
  }

  private enqueue<T>(fn: () => T): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<void> {
    this.meta = await this.loadMeta();
    this.clock = new HybridClock(this.meta.nodeId);
    const manifests = await readManifests(this.dataDir);
    this.manifest = manifests.current;
    this.anchor = this.manifest?.anchor;
    if (manifests.next) this.failedNext = manifests.next;
    this.journal.prefetch(this.manifest?.seq ?? 0);
    const dataDir = join(this.dataDir, 'data');
    const damaged: string[] = [];
    const seen = new Set<string>();
    for (const collection of await readdir(dataDir)) {
      if (!isCollectionName(collection)) continue;
      const files = await readdir(join(dataDir, collection));
      for (const file of files.filter((f) => f.endsWith('.json'))) {
        const rel = `${collection}/${file}`;
        seen.add(rel);
        const bytes = await readFile(join(dataDir, rel));
        const sha = sha256(bytes);
        if (!trusted(rel, sha, manifests)) {
          damaged.push(rel);
          this.problems.push(`El archivo data/${rel} fue alterado o no pertenece al punto de control; se reconstruyó desde la bitácora.`);
          continue;
        }
        let records: unknown[];
        try {
          records = (JSON.parse(bytes.toString('utf8')) as { records: unknown[] }).records ?? [];
        } catch {
          throw new AppError('STORAGE', `El archivo de datos data/${rel} está dañado y no se puede leer. Restáurelo desde un respaldo.`);
        }
        // Not parsed again with the schema: the bytes match the manifest, so they are what a
        // checkpoint wrote from records validated when they were committed.
        const key = rel.slice(0, -'.json'.length);
        const byId = this.records.get(collection)!;
        let shard = this.shards.get(key);
        if (!shard) this.shards.set(key, (shard = new Map()));
        for (const record of records as Rec[]) {
          // A checkpoint puts each record in the shard its shardOf names; anything else is not ours.
          if (this.shardKey(collection, record) !== key) {
            throw new AppError('STORAGE', `El archivo data/${rel} contiene un registro de otro fragmento. Restáurelo desde un respaldo.`);
          }
          byId.set(record.id, record);
          shard.set(record.id, record);
        }
        this.onDisk[rel] = sha;
      }
    }
    this.dirty.clear();
    for (const rel of Object.keys(this.manifest?.files ?? {})) {
      if (!seen.has(rel)) {
        damaged.push(rel);
        this.problems.push(`Faltaba el archivo data/${rel}; se reconstruyó desde la bitácora.`);
      }
    }
    // With only the next manifest, a crash interrupted the very first checkpoint: nothing is wrong.
    const noManifest = !this.manifest && !manifests.next && seen.size > 0;
    if (noManifest) {
      this.problems.push('Faltaba el manifiesto del punto de control (data/checkpoint.json); los datos se reconstruyeron desde la bitácora.');
    }
    const fullReplay = damaged.length > 0 || noManifest;
    const fromSeq = fullReplay ? 0 : (this.manifest?.seq ?? 0);
    const journal = await this.journal.open(fromSeq);
    const base = this.manifest;
    if (base && base.seq > journal.lastSeq) {
      throw new AppError(
        'STORAGE',
        `Falta parte de la bitácora: el punto de control llega a la entrada ${base.seq}, pero audit/ solo tiene hasta la ${journal.lastSeq}. ` +
          'No se borró nada. Restaure la carpeta audit/ desde un respaldo.',
      );
    }
    if (base && base.seq > 0 && journal.hashAtFrom !== undefined && journal.hashAtFrom !== base.hash && !fullReplay) {
      throw new AppError(
        'STORAGE',
        `La bitácora fue reescrita: la entrada ${base.seq} no es la que registró el punto de control (data/checkpoint.json). ` +
          'No se borró nada. Restaure la carpeta audit/ desde un respaldo.',
      );
    }
    if (fullReplay) {
      if (journal.lastSeq === 0 || journal.firstSeq !== 1 || journal.entries[0]?.seq !== 1) {
        throw new AppError('STORAGE', 'Faltan datos y la bitácora no está completa para reconstruirlos. No se borró nada. Restaure la carpeta de datos desde un respaldo.');
      }
      for (const c of collectionNames) this.records.get(c)!.clear();
      this.shards.clear();
      // Keep the trusted shards' records the journal does not name (none, when the journal is whole).
    }
    for (const entry of journal.entries) {
      if (entry.head) this.anchor = newer(this.anchor, entry.head);
      if (!fullReplay && entry.seq <= fromSeq) continue;
      for (const change of entry.changes ?? []) {
        if (isCollectionName(change.collection)) this.put(change.collection, change.record);
      }
      this.clock.receive(entry.hlc);
    }
    for (const c of collectionNames) for (const r of this.records.get(c)!.values()) this.clock.receive(r.hlc);
    const first = journal.entries[0]?.seq ?? 0;
    const unsigned = await this.anchorProblem(async (seq) => {
      const e = journal.entries[seq - first];
      if (e?.seq === seq) return e.hash;
      if (base && seq === base.seq) return base.hash;
      return (await this.journal.page(seq + 1, 1))[0]?.hash;
    }, journal.lastSeq);
    if (unsigned) throw new AppError('STORAGE', unsigned);
    if (fullReplay) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      for (const rel of damaged) {
        const path = join(dataDir, rel);
        if (await stat(path).catch(() => undefined)) await rename(path, `${path}.danado-${stamp}`);
      }
      for (const key of this.shards.keys()) this.dirty.add(key);
      await this.checkpoint();
    } else if (this.manifest?.seq !== journal.lastSeq || manifests.next) {
      this.scheduleCheckpoint(); // in the background: opening must not wait for it
    }
  }

  private async loadMeta(): Promise<Meta> {
    const path = join(this.dataDir, 'meta.json');
    let meta: Meta;
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (text === undefined) {
      if (await this.hasData()) {
        throw new AppError(
          'STORAGE',
          'Falta el archivo meta.json de la carpeta de datos, pero la carpeta tiene datos. No se creó uno nuevo (cambiaría la identidad de este equipo). ' +
            'Restaure meta.json desde un respaldo.',
        );
      }
      meta = { schemaVersion: SCHEMA_VERSION, nodeId: newId().slice(-10), createdAt: new Date().toISOString() };
      await writeFileDurable(path, JSON.stringify(meta, null, 2));
      return meta;
    }
    try {
      meta = JSON.parse(text) as Meta;
      if (!Number.isInteger(meta.schemaVersion) || typeof meta.nodeId !== 'string' || !/^[0-9A-Za-z]+$/.test(meta.nodeId)) throw new Error('shape');
    } catch {
      throw new AppError('STORAGE', 'El archivo meta.json de la carpeta de datos está dañado. No se borró nada. Restáurelo desde un respaldo.');
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

  private async hasData(): Promise<boolean> {
    for (const sub of ['audit', 'data', 'blobs', 'keys']) {
      const names = await readdir(join(this.dataDir, sub)).catch(() => [] as string[]);
      if (names.length) return true;
    }
    return false;
  }
}

/** Temp files of writes a crash interrupted before their rename: never data, only leftovers. */
const TEMP_FILE = /\.\d+\.\d+\.[0-9a-z]+\.tmp$/;

async function removeTempFiles(dataDir: string): Promise<void> {
  for (const sub of ['data', 'audit', 'blobs', 'keys']) {
    const entries = await readdir(join(dataDir, sub), { withFileTypes: true, recursive: true }).catch(() => []);
    for (const e of entries) if (e.isFile() && TEMP_FILE.test(e.name)) await rm(join(e.parentPath, e.name), { force: true });
  }
}
