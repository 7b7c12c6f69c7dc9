/**
 * The sync client (issue 14): one engine per open data folder.
 *
 * A round: number the outbox and save it (so a retried push carries the same mutationIds and the
 * server applies it once), upload the blobs it points to, push, set aside what the server
 * refuses (kept, shown in Spanish; the local data is untouched), then pull since the stored
 * cursor and merge (store/replication.ts), saving the cursor only after the merge is committed.
 * Rounds run one at a time; asking during a round queues one more.
 *
 * The refresh token is sealed with the vault's data key (AES-256-GCM); with the vault locked it
 * is kept in memory only, never written in the clear.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { SyncRejection, SyncStatus } from '../../../src-shared/contract/sync.js';
import type { Change, LoginResponse, Mutation } from '../../../src-shared/sync/protocol.js';
import { MAX_PUSH_MUTATIONS } from '../../../src-shared/sync/protocol.js';
import { open as unseal, seal } from '../keystore/aead.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { makeDir, writeFileDurable } from '../store/durable.js';
import { Replica, remoteMutation, type FieldIndex, type Outcome, type Outgoing } from '../store/replication.js';
import type { JournalEntry } from '../store/audit-log.js';
import type { Store } from '../store/store.js';
import { disableCachedAccount, refreshAccountCache } from './account-cache.js';
import { ServerClient, SyncHttpError } from './server-client.js';
import { keepLostSignaturesOf, pulledSignBlobs, signBlobs, takenMessage } from './signatures.js';

interface SavedState {
  format: 1;
  clientId: string;
  server: string | null;
  username: string | null;
  commission: string | null;
  displayName: string | null;
  cursor: number;
  journalSeq: number;
  index: FieldIndex;
  nextMutationId: number;
  outbox: Mutation[];
  rejected: SyncRejection[];
  lastSync: string | null;
  /** base64 of the refresh token sealed with the data key. */
  sealedRefresh: string | null;
}

export interface RoundReport {
  pushed: number;
  pulled: number;
  rejected: SyncRejection[];
  skipped: Outcome['skipped'];
}

const PERIOD_MS = 3 * 60_000;
const RETRY_MS = 10_000;
const TOKEN_AAD = Buffer.from('sesiona-sync-refresh-token');
const HEX64 = /^[0-9a-f]{64}$/;

function freshState(): SavedState {
  return {
    format: 1,
    clientId: `c${randomBytes(12).toString('hex')}`,
    server: null,
    username: null,
    commission: null,
    displayName: null,
    cursor: 0,
    journalSeq: 0,
    index: {},
    nextMutationId: 1,
    outbox: [],
    rejected: [],
    lastSync: null,
    sealedRefresh: null,
  };
}

export class SyncEngine {
  private state!: SavedState;
  private replica!: Replica;
  /** Folded but not yet numbered: what local commits produced since the last round. */
  private fresh: Outgoing[] = [];
  private access: { token: string; expires: number } | undefined;
  private refreshToken: string | undefined;
  private online = false;
  private lastError: string | null = null;
  private running: Promise<RoundReport> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private follower: AbortController | undefined;
  private merges: SyncStatus['merges'] = [];
  private unsubscribe: (() => void) | undefined;
  private closed = false;
  private received = 0;
  private pushSoon: NodeJS.Timeout | undefined;
  private background = false;
  /** Whether commits are folded: not before a server is set, buffered while the journal is read. */
  private following: 'no' | 'buffering' | 'live' = 'no';
  private early: JournalEntry[] = [];
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: Store,
    private readonly vault: VaultKey | undefined,
    private readonly path: string,
  ) {}

  /** Opens the engine: loads its state and, once it has a server, folds every journal entry it has not seen yet. */
  static async open(store: Store, vault?: VaultKey): Promise<SyncEngine> {
    const engine = new SyncEngine(store, vault, join(store.dataDir, 'sync', 'state.json'));
    let saved = true;
    try {
      engine.state = { ...freshState(), ...(JSON.parse(await readFile(engine.path, 'utf8')) as SavedState) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new AppError('STORAGE', 'El estado de sincronización (sync/state.json) está dañado. Muévalo a otra carpeta y vuelva a iniciar sesión en el servidor; sus datos no se tocan.');
      }
      engine.state = freshState();
      saved = false;
    }
    engine.replica = new Replica(engine.state.index, engine.state.journalSeq);
    engine.unsubscribe = store.onCommit((entry) => {
      if (engine.following === 'buffering') engine.early.push(entry);
      else if (engine.following === 'live') {
        const out = engine.replica.fold(entry);
        engine.fresh.push(...out);
        if (out.length) engine.soon();
      }
    });
    // A folder that never synced reads its journal only when it first signs in to a server.
    if (saved) await engine.catchUp();
    return engine;
  }

  /** Folds the journal after the saved position, then follows commits live. */
  private async catchUp(): Promise<void> {
    if (this.following !== 'no') return;
    this.following = 'buffering';
    this.early = [];
    for (const entry of await this.store.journalAfter(this.replica.seq)) this.fresh.push(...this.replica.fold(entry));
    for (const entry of this.early) this.fresh.push(...this.replica.fold(entry));
    this.early = [];
    this.following = 'live';
  }

  get configured(): boolean {
    return Boolean(this.state.server && this.state.username && this.state.commission);
  }

  status(): SyncStatus {
    return {
      configured: this.configured,
      server: this.state.server,
      username: this.state.username,
      displayName: this.state.displayName,
      commission: this.state.commission,
      signedIn: Boolean(this.refreshToken ?? this.access),
      online: this.online,
      pending: this.state.outbox.length + this.fresh.length,
      lastSync: this.state.lastSync,
      lastError: this.lastError,
      rejected: this.state.rejected.slice(-50),
      received: this.received,
      merges: this.merges.slice(-20),
    };
  }

  /** Signs in to the server and remembers it; the first membership is the commission synced unless one is named. */
  async signIn(server: string, username: string, password: string, commission?: string): Promise<SyncStatus> {
    const url = server.replace(/\/+$/, '');
    const login = await this.wrap(() => new ServerClient(url).login(username, password));
    const membership = commission ? login.account.memberships.find((m) => m.commission === commission) : login.account.memberships[0];
    if (!membership) {
      throw new AppError('UNAUTHORIZED', commission ? `La cuenta ${username} no pertenece a la comisión ${commission} en el servidor.` : `La cuenta ${username} no pertenece a ninguna comisión en el servidor.`);
    }
    if (this.state.server && (this.state.server !== url || this.state.commission !== membership.commission) && this.state.cursor > 0) {
      throw new AppError('CONFLICT', `Esta carpeta ya se sincroniza con ${this.state.server} (${this.state.commission}); no puede cambiar de servidor o comisión.`);
    }
    await this.catchUp();
    Object.assign(this.state, { server: url, username, commission: membership.commission, displayName: login.account.displayName });
    this.accept(login);
    this.lastError = null;
    await this.save();
    return this.status();
  }

  async signOut(): Promise<SyncStatus> {
    const token = this.refreshToken;
    this.stopFollowing();
    this.access = undefined;
    this.refreshToken = undefined;
    this.state.sealedRefresh = null;
    this.online = false;
    await this.save();
    if (token && this.state.server) await new ServerClient(this.state.server).logout(token).catch(() => undefined);
    return this.status();
  }

  /** One full round; concurrent calls share the running one and queue at most one more. */
  sync(): Promise<RoundReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = this.round().finally(() => {
      this.running = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        void this.sync().catch(() => undefined);
      }
    });
    this.running = run;
    return run;
  }

  /**
   * Background mode (the app): a round now, every few minutes, after a failure until the server
   * answers again, and whenever the server announces changes (SSE).
   */
  startBackground(): void {
    if (this.background || this.closed) return;
    this.background = true;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (!this.background || this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.sync()
        .catch(() => undefined)
        .finally(() => {
          this.schedule(this.online ? PERIOD_MS : RETRY_MS);
          if (this.online) this.follow();
        });
    }, ms);
    this.timer.unref?.();
  }

  /** In background mode a local change is pushed right away (batched over a short pause) when online. */
  private soon(): void {
    if (!this.background || this.closed || !this.online || this.pushSoon) return;
    this.pushSoon = setTimeout(() => {
      this.pushSoon = undefined;
      void this.sync().catch(() => undefined);
    }, 300);
    this.pushSoon.unref?.();
  }

  async close(): Promise<void> {
    clearTimeout(this.pushSoon);
    this.closed = true;
    clearTimeout(this.timer);
    this.stopFollowing();
    this.unsubscribe?.();
    await this.running?.catch(() => undefined);
  }

  private stopFollowing() {
    this.follower?.abort();
    this.follower = undefined;
  }

  private follow(): void {
    if (this.follower || this.closed || !this.configured) return;
    const controller = new AbortController();
    this.follower = controller;
    void (async () => {
      try {
        const token = await this.token();
        await new ServerClient(this.state.server!).follow(token, this.state.commission!, controller.signal, (cursor, event) => {
          if (cursor > this.state.cursor || event === 'accounts') void this.sync().catch(() => undefined);
        });
      } catch {
        // offline or token refused: the next round reconnects
      } finally {
        if (this.follower === controller) this.follower = undefined;
        // The stream ends with the token that opened it; reconnect while the server answers.
        if (!controller.signal.aborted && !this.closed && this.online) setTimeout(() => this.follow(), 1000).unref?.();
      }
    })();
  }

  private accept(login: LoginResponse) {
    this.access = { token: login.accessToken, expires: Date.now() + (login.expiresIn - 30) * 1000 };
    this.refreshToken = login.refreshToken;
    this.state.sealedRefresh = this.vault?.unlocked ? seal(this.vault.dataKey(), Buffer.from(login.refreshToken), TOKEN_AAD).toString('base64') : null;
  }

  private async token(): Promise<string> {
    if (this.access && this.access.expires > Date.now()) return this.access.token;
    if (!this.refreshToken && this.state.sealedRefresh && this.vault?.unlocked) {
      try {
        this.refreshToken = unseal(this.vault.dataKey(), Buffer.from(this.state.sealedRefresh, 'base64'), TOKEN_AAD).toString('utf8');
      } catch {
        this.state.sealedRefresh = null;
      }
    }
    if (!this.refreshToken) throw new AppError('UNAUTHORIZED', 'Inicie sesión en el servidor de sincronización (Ajustes → Sincronización).');
    try {
      this.accept(await new ServerClient(this.state.server!).refresh(this.refreshToken));
    } catch (e) {
      if (e instanceof SyncHttpError && e.status === 401 && e.code !== 'ACCOUNT_DISABLED') {
        this.refreshToken = undefined;
        this.state.sealedRefresh = null;
        await this.save();
        throw new AppError('UNAUTHORIZED', 'La sesión con el servidor terminó; vuelva a iniciar sesión en Ajustes → Sincronización.');
      }
      throw e;
    }
    await this.save();
    return this.access!.token;
  }

  private async round(): Promise<RoundReport> {
    if (!this.configured) throw new AppError('INVALID_ARGUMENT', 'Configure primero el servidor de sincronización (Ajustes → Sincronización).');
    try {
      const report = await this.wrap(async () => {
        const token = await this.token();
        const pushed = await this.push(token);
        const pull = await this.pull(token);
        await this.cacheAccounts(token);
        return { pushed: pushed.count, pulled: pull.count, rejected: pushed.rejected, skipped: pull.skipped };
      });
      this.online = true;
      this.lastError = report.rejected.length ? `${report.rejected.length} cambio(s) rechazado(s) por el servidor; vea el detalle.` : null;
      this.state.lastSync = new Date().toISOString();
      await this.save();
      if (this.background) this.follow();
      return report;
    } catch (e) {
      this.online = !(e instanceof AppError && e.code === 'UNAVAILABLE');
      this.lastError = (e as Error).message;
      // Offline: try again soon, so the outbox leaves as soon as the server answers again.
      if (!this.online) this.schedule(RETRY_MS);
      throw e;
    }
  }


  private async push(token: string): Promise<{ count: number; rejected: SyncRejection[] }> {
    await this.save(); // numbers the outbox before anything leaves, so a retry reuses the same ids
    const client = new ServerClient(this.state.server!);
    const commission = this.state.commission!;
    const rejected: SyncRejection[] = [];
    let count = 0;
    // Bodies too large for one update cannot travel; say so instead of retrying forever.
    for (const m of this.state.outbox.filter((x) => x.type === 'body' && !x.update)) {
      rejected.push(this.setAside(m, 'El texto del borrador es demasiado grande para enviarse en un solo cambio; se conserva en este equipo.'));
    }
    while (this.state.outbox.length) {
      const batch = this.state.outbox.slice(0, Math.min(MAX_PUSH_MUTATIONS, 500));
      await this.uploadBlobs(client, token, commission, batch);
      let res;
      try {
        res = await client.push(token, commission, this.state.clientId, batch);
      } catch (e) {
        // A refusal names the mutation: set it aside (kept, reported) and push the rest.
        if (e instanceof SyncHttpError && e.mutationId !== undefined && e.status >= 400 && e.status < 500 && e.status !== 401) {
          const m = this.state.outbox.find((x) => x.mutationId === e.mutationId);
          if (m) {
            rejected.push(this.setAside(m, e.message));
            await this.save();
            continue;
          }
        }
        throw e;
      }
      const done = new Set<number>();
      for (const r of res.results) {
        done.add(r.mutationId);
        if (r.status === 'applied') count++;
        const m = batch.find((x) => x.mutationId === r.mutationId)!;
        if (r.status === 'signature-taken' || (r.status === 'duplicate' && r.original === 'signature-taken')) {
          rejected.push(this.setAside(m, takenMessage(this.store, m, r.status === 'signature-taken' ? r.winner : undefined), false));
        }
      }
      this.state.outbox = this.state.outbox.filter((m) => !done.has(m.mutationId));
      await this.save();
    }
    return { count, rejected };
  }

  private setAside(m: Mutation, reason: string, remove = true): SyncRejection {
    const r: SyncRejection = { collection: m.collection, id: m.id, kind: m.type, reason, at: new Date().toISOString() };
    this.state.rejected.push(r);
    if (remove) this.state.outbox = this.state.outbox.filter((x) => x.mutationId !== m.mutationId);
    return r;
  }

  private async uploadBlobs(client: ServerClient, token: string, commission: string, batch: Mutation[]): Promise<void> {
    const shas = new Set<string>();
    for (const m of batch) if (m.type === 'put') collectHashes(m.fields, shas);
    for (const sha of signBlobs(batch)) shas.add(sha);
    for (const sha of shas) {
      if (!(await this.store.blobs.has(sha))) continue;
      await client.putBlob(token, commission, sha, await this.store.blobs.get(sha));
    }
  }

  private async pull(token: string): Promise<{ count: number; skipped: Outcome['skipped'] }> {
    const client = new ServerClient(this.state.server!);
    const commission = this.state.commission!;
    const skipped: Outcome['skipped'] = [];
    let count = 0;
    for (let more = true; more; ) {
      const page = await client.pull(token, commission, this.state.cursor, 1000);
      const theirs = page.changes.filter((c) => c.clientId !== this.state.clientId);
      if (theirs.length) {
        await this.fetchBlobs(client, token, commission, theirs);
        await keepLostSignaturesOf(this.store, theirs, `sincronización:${this.state.username}`);
        const outcome = await this.store.mutate(remoteMutation(this.replica), { changes: theirs }, `sincronización:${this.state.username}`);
        count += theirs.length;
        this.received += outcome.applied;
        skipped.push(...outcome.skipped);
        const at = new Date().toISOString();
        for (const x of outcome.skipped) this.state.rejected.push({ collection: x.collection, id: x.id, kind: 'recibido', reason: x.reason, at });
        const names = new Map(theirs.map((c) => [c.account, c.account]));
        for (const m of outcome.bodyMerges) this.merges.push({ draftId: m.draftId, accounts: m.accounts.map((a) => names.get(a) ?? a), at: new Date().toISOString() });
      }
      // Saved only after the merge is committed: a crash before this re-pulls, and merging twice changes nothing.
      this.state.cursor = page.cursor;
      await this.save();
      more = page.more;
    }
    return { count, skipped };
  }

  private async fetchBlobs(client: ServerClient, token: string, commission: string, changes: Change[]): Promise<void> {
    const shas = new Set<string>();
    for (const c of changes) if (c.type === 'put') collectHashes(c.fields, shas);
    for (const sha of pulledSignBlobs(changes)) shas.add(sha);
    for (const sha of shas) {
      if (await this.store.blobs.has(sha)) continue;
      const bytes = await client.getBlob(token, commission, sha);
      if (bytes) await this.store.blobs.put(bytes); // BlobStore checks nothing: put() names it by its own hash
    }
  }

  /** Offline sign-in: the server's accounts of the commission, cached for this laptop's sign-in screen. */
  private async cacheAccounts(token: string): Promise<void> {
    const outcome = await refreshAccountCache(this.store, new ServerClient(this.state.server!), token, this.state.commission!, `sincronización:${this.state.username}`);
    const at = new Date().toISOString();
    for (const s of outcome.skipped) {
      if (!this.state.rejected.some((r) => r.kind === 'cuenta' && r.reason === s.reason)) this.state.rejected.push({ collection: 'accounts', id: s.username, kind: 'cuenta', reason: s.reason, at });
    }
  }

  /** Turns transport failures into Spanish AppErrors for screens and the CLI. */
  private async wrap<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof SyncHttpError && e.code === 'ACCOUNT_DISABLED' && this.state.username && this.state.commission) {
        // Its copy here stops signing in at once; the server's list cannot be read with it any more.
        await this.store.mutate(disableCachedAccount, { username: this.state.username, commission: this.state.commission }, `sincronización:${this.state.username}`);
        this.refreshToken = undefined;
        this.access = undefined;
        this.state.sealedRefresh = null;
        await this.save();
      }
      if (e instanceof SyncHttpError) {
        if (e.status === 0) throw new AppError('UNAVAILABLE', e.message);
        if (e.status === 401) throw new AppError('UNAUTHORIZED', e.message);
        if (e.status === 403) throw new AppError('UNAUTHORIZED', e.message);
        throw new AppError('CONFLICT', e.message);
      }
      throw e;
    }
  }

  /**
   * Numbers what local commits produced and writes the state. The index, its journal position and
   * the outbox are taken in one synchronous step, so they always describe the same moment: a
   * saved index never runs ahead of the outbox it produced.
   */
  private save(): Promise<void> {
    for (const m of this.fresh) this.state.outbox.push({ ...m, mutationId: this.state.nextMutationId++ } as Mutation);
    this.fresh = [];
    this.state.journalSeq = this.replica.seq;
    this.state.index = this.replica.index;
    const text = JSON.stringify(this.state);
    const run = this.saving.then(async () => {
      await makeDir(dirname(this.path));
      await writeFileDurable(this.path, text);
    });
    this.saving = run.catch(() => undefined);
    return run;
  }
}

function collectHashes(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (HEX64.test(value)) into.add(value);
  } else if (Array.isArray(value)) for (const v of value) collectHashes(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectHashes(v, into);
}
