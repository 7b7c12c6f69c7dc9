/**
 * The sync client (issue 14): one engine per open data folder.
 *
 * Each local commit is folded into protocol mutations and numbered at once, in journal order; the
 * fold is deterministic, so after a crash folding the journal again from the last snapshot
 * (state-files.ts) gives the same mutations the same ids and a retried push is applied once.
 * A round: upload the blobs the outbox points to, push it in pages, set aside what the server
 * refuses (kept, shown in Spanish; the local data is untouched), then pull since the cursor and
 * merge each page as one journal entry that also carries the new cursor (store/replication.ts).
 * Rounds run one at a time; asking during a round queues one more.
 *
 * The refresh token is sealed with the vault's data key (AES-256-GCM); with the vault locked it
 * is kept in memory only, never written in the clear.
 */
import { AppError } from '../../../src-shared/contract/errors.js';
import type { SyncRejection, SyncStatus } from '../../../src-shared/contract/sync.js';
import type { LoginResponse, Mutation } from '../../../src-shared/sync/protocol.js';
import { MAX_PUSH_MUTATIONS } from '../../../src-shared/sync/protocol.js';
import { open as unseal, seal } from '../keystore/aead.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { Replica, remoteMutation, type Outcome } from '../store/replication.js';
import { appendRepairs } from '../guidelines/body-merge.js';
import type { JournalEntry } from '../store/audit-log.js';
import type { Store } from '../store/store.js';
import { disableCachedAccount, refreshAccountCache } from './account-cache.js';
import { downloadBlobs, uploadBlobs } from './blob-transfer.js';
import { ServerClient, SyncHttpError } from './server-client.js';
import { keepLostChanges, lostChangesOf, type Deleted } from './lost-changes.js';
import { keepLostSignaturesOf, keepRefusedSignatures, ownSignature, refusedMessage, stillMine, takenMessage, type WayBack } from './signatures.js';
import { freshSettings, StateFiles, emptySnapshot, type Settings } from './state-files.js';

export interface RoundReport {
  pushed: number;
  pulled: number;
  rejected: SyncRejection[];
  /** Changes made here that did not count: their record was deleted elsewhere first. */
  lost: number;
  skipped: Outcome['skipped'];
  /** The *Firmas que no contaron* records this round made here (refused, taken or replaced signatures). */
  signatures: string[];
}

const PERIOD_MS = 3 * 60_000;
const RETRY_MS = 10_000;
/** A burst of local commits (typing in a draft) leaves as one push; short enough for the 200 ms target. */
const PUSH_PAUSE_MS = 100;
const TOKEN_AAD = Buffer.from('sesiona-sync-refresh-token');
/** Changes per pull page: each page is one journal entry. */
const PULL_PAGE = 1000;
/** Folded entries and acknowledged mutations after which a round ends with a new snapshot. */
const SNAPSHOT_AFTER = 1000;
/** Otherwise a snapshot this long after the first change it would cover. */
const SNAPSHOT_DELAY_MS = 60_000;
/** Files owed to the server (named by a pushed record while missing here) kept in mind at most. */
const MAX_OWED = 500;

export class SyncEngine {
  private state!: Settings;
  private replica!: Replica;
  /** Numbered mutations not yet acknowledged by the server, in mutationId order. */
  private outbox: Mutation[] = [];
  private nextMutationId = 1;
  /** Folds and acknowledgements since the last snapshot. */
  private unsnapshotted = 0;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private uploaded = new Set<string>();
  private access: { token: string; expires: number } | undefined;
  private refreshToken: string | undefined;
  private online = false;
  private lastError: string | null = null;
  private running: Promise<RoundReport> | undefined;
  /** The round after the running one, for whoever asks during it. */
  private next: Promise<RoundReport> | undefined;
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
  private readonly files: StateFiles;
  /** One client per engine and server address: made again only when the address changes. */
  private http: ServerClient | undefined;
  /** The accounts list as last received (its ETag) and the cached copies it left here. */
  private accountsHeld: { etag: string; commission: string; local: string } | undefined;

  private constructor(
    private readonly store: Store,
    private readonly vault: VaultKey | undefined,
  ) {
    this.files = new StateFiles(store.dataDir);
  }

  /** Opens the engine: loads its state and, once it has a server, folds every journal entry it has not seen yet. */
  static async open(store: Store, vault?: VaultKey): Promise<SyncEngine> {
    const engine = new SyncEngine(store, vault);
    const saved = await engine.files.load();
    const snapshot = saved?.snapshot ?? emptySnapshot();
    engine.state = saved?.settings ?? freshSettings();
    engine.uploaded = new Set(engine.state.uploaded);
    store.blobs.awaiting = new Set(engine.state.awaiting.map((a) => a.sha));
    engine.replica = new Replica(snapshot.index, snapshot.journalSeq);
    engine.outbox = snapshot.outbox;
    engine.nextMutationId = snapshot.nextMutationId;
    engine.unsubscribe = store.onCommit((entry) => {
      if (engine.following === 'buffering') engine.early.push(entry);
      else if (engine.following === 'live' && engine.fold(entry)) engine.soon();
    });
    // A folder that never synced reads its journal only when it first signs in to a server.
    if (saved) await engine.catchUp();
    return engine;
  }

  /** The server's cursor: journaled with the last merged page, or saved after a page that merged nothing. */
  private get cursor(): number {
    return Math.max(this.state.cursor, this.store.get('syncProgress', 'pull')?.cursor ?? 0);
  }

  /** Folds one committed entry and numbers what it means for the server; returns how many. */
  private fold(entry: JournalEntry): number {
    const out = this.replica.fold(entry);
    for (const m of out) this.outbox.push({ ...m, mutationId: this.nextMutationId++ } as Mutation);
    this.unsnapshotted++;
    this.snapshotLater();
    return out.length;
  }

  /** Folds the journal after the saved position, then follows commits live. */
  private async catchUp(): Promise<void> {
    if (this.following !== 'no') return;
    this.following = 'buffering';
    this.early = [];
    for (const entry of await this.store.journalAfter(this.replica.seq)) this.fold(entry);
    for (const entry of this.early) this.fold(entry);
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
      pending: this.outbox.length,
      lastSync: this.state.lastSync,
      lastError: this.lastError,
      rejected: this.state.rejected.slice(-50),
      lost: lostChangesOf(this.store),
      awaitingFiles: this.state.awaiting.length,
      received: this.received,
      merges: this.merges.slice(-20),
    };
  }

  /** Signs in to the server and remembers it; the first membership is the commission synced unless one is named. */
  async signIn(server: string, username: string, password: string, commission?: string): Promise<SyncStatus> {
    const url = server.replace(/\/+$/, '');
    const login = await this.wrap(() => this.client(url).login(username, password));
    const membership = commission ? login.account.memberships.find((m) => m.commission === commission) : login.account.memberships[0];
    if (!membership) {
      throw new AppError('UNAUTHORIZED', commission ? `La cuenta ${username} no pertenece a la comisión ${commission} en el servidor.` : `La cuenta ${username} no pertenece a ninguna comisión en el servidor.`);
    }
    if (this.state.server && (this.state.server !== url || this.state.commission !== membership.commission) && this.cursor > 0) {
      throw new AppError('CONFLICT', `Esta carpeta ya se sincroniza con ${this.state.server} (${this.state.commission}); no puede cambiar de servidor o comisión.`);
    }
    await this.catchUp();
    if (this.state.username && this.state.username !== username) {
      // A round in flight pushes with the clientId it began with: switching under it would send the
      // rest of its outbox (or a push whose answer was lost) again under another account's clientId.
      await this.idle();
      // The server binds a clientId to the account that first pushed with it; another account needs its own.
      this.state.clientId = freshSettings().clientId;
    }
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
    if (token && this.state.server) await this.client().logout(token).catch(() => undefined);
    return this.status();
  }

  /**
   * One full round. Asked during a round, it answers with the next one (shared by everyone who
   * asks meanwhile), so a caller's report always covers the changes made before it asked.
   */
  sync(): Promise<RoundReport> {
    if (this.running) {
      this.next ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.next = undefined;
          if (this.closed) throw new AppError('UNAVAILABLE', 'La sincronización se detuvo porque se cerró la carpeta de datos.');
          return this.sync();
        });
      return this.next;
    }
    const run = this.round().finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  /** Files still pendiente de recibir, oldest first. */
  awaitingFiles(): { sha: string; since: string }[] {
    return this.state.awaiting.map((a) => ({ ...a }));
  }

  /** Resolves once no round runs or waits (a round queued meanwhile is waited for too). */
  private async idle(): Promise<void> {
    while (this.running || this.next) await Promise.allSettled([this.running, this.next]);
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
    }, PUSH_PAUSE_MS);
    this.pushSoon.unref?.();
  }

  async close(): Promise<void> {
    clearTimeout(this.pushSoon);
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.snapshotTimer);
    this.stopFollowing();
    this.unsubscribe?.();
    await this.running?.catch(() => undefined);
    await this.next?.catch(() => undefined);
    if (this.unsnapshotted) await this.snapshot().catch(() => undefined); // a fold of the journal redoes it
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
        await this.client().follow(token, this.state.commission!, controller.signal, (cursor, event) => {
          if (cursor > this.cursor || event === 'accounts') void this.sync().catch(() => undefined);
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
      this.accept(await this.client().refresh(this.refreshToken));
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
        // Repairs a crash kept from being appended after their pull.
        await appendRepairs(this.store, `sincronización:${this.state.username}`);
        const pushed = await this.push(token);
        const pull = await this.pull(token);
        // A merge's repair of a guideline body is this laptop's edit: it leaves in the same round.
        const again = pull.repaired ? await this.push(token) : { count: 0, rejected: [], lost: 0, signatures: [] };
        // After the pull: a signature that counts may have come down and replaced a refused one already.
        await this.backToServer(token);
        await this.cacheAccounts(token);
        return { pushed: pushed.count + again.count, pulled: pull.count, rejected: [...pushed.rejected, ...again.rejected], lost: pushed.lost + again.lost, skipped: pull.skipped, signatures: [...pushed.signatures, ...pull.signatures, ...again.signatures] };
      });
      this.online = true;
      const notes = [
        ...(report.rejected.length ? [`${report.rejected.length} cambio(s) rechazado(s) por el servidor`] : []),
        ...(report.lost ? [`${report.lost} cambio(s) no contaron porque el registro fue eliminado en otro equipo`] : []),
        ...(this.state.awaiting.length ? [`${this.state.awaiting.length} archivo(s) pendiente(s) de recibir de otro equipo`] : []),
      ];
      this.lastError = notes.length ? `${notes.join('; ')}; vea el detalle.` : null;
      this.state.lastSync = new Date().toISOString();
      await this.save();
      if (this.unsnapshotted >= SNAPSHOT_AFTER) await this.snapshot();
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


  private async push(token: string): Promise<{ count: number; rejected: SyncRejection[]; lost: number; signatures: string[] }> {
    const client = this.client();
    const commission = this.state.commission!;
    const transfer = { client, token, commission, blobs: this.store.blobs };
    const rejected: SyncRejection[] = [];
    const signatures: string[] = [];
    let count = 0;
    let lost = 0;
    // Bodies too large for one update cannot travel; say so instead of retrying forever.
    for (const m of this.outbox.filter((x) => x.type === 'body' && !x.update)) {
      rejected.push(this.setAside(m, 'El texto del borrador es demasiado grande para enviarse en un solo cambio; se conserva en este equipo.'));
    }
    if (rejected.length) await this.settle();
    const uploaded = async (sha: string) => {
      this.uploaded.add(sha);
      this.state.owed = this.state.owed.filter((x) => x !== sha);
      await this.save();
    };
    const absent = (sha: string) => {
      if (!this.state.owed.includes(sha)) this.state.owed = [...this.state.owed, sha].slice(-MAX_OWED);
    };
    // Files pushed records named while they were missing here: sent as soon as they are back.
    if (this.state.owed.length) await uploadBlobs(transfer, [...this.state.owed], this.uploaded, uploaded);
    while (this.outbox.length) {
      const batch = this.outbox.slice(0, MAX_PUSH_MUTATIONS);
      await uploadBlobs(transfer, batch, this.uploaded, uploaded, absent);
      let res;
      try {
        res = await client.push(token, commission, this.state.clientId, batch);
      } catch (e) {
        // A refusal names the mutation: set it aside (kept, reported) and push the rest.
        if (e instanceof SyncHttpError && e.mutationId !== undefined && e.status >= 400 && e.status < 500 && e.status !== 401) {
          const m = this.outbox.find((x) => x.mutationId === e.mutationId);
          if (m) {
            rejected.push(this.setAside(m, e.message));
            await this.settle();
            continue;
          }
        }
        throw e;
      }
      const byId = new Map(batch.map((m) => [m.mutationId, m]));
      const done = new Set<number>();
      const deleted: { m: Mutation; r: Deleted }[] = [];
      const refused: Parameters<typeof keepRefusedSignatures>[1] = [];
      for (const r of res.results) {
        done.add(r.mutationId);
        if (r.status === 'applied') count++;
        const m = byId.get(r.mutationId)!;
        // This laptop's own signature, counted before under an earlier clientId (its answer lost): it counts.
        if (r.status === 'signature-taken' && ownSignature(m, r.winner)) continue;
        if (r.status === 'signature-taken' || (r.status === 'duplicate' && r.original === 'signature-taken')) {
          rejected.push(this.setAside(m, takenMessage(this.store, m, r.status === 'signature-taken' ? r.winner : undefined), false));
        }
        if (r.status === 'record-deleted') deleted.push({ m, r });
        if (r.status === 'signature-refused') {
          rejected.push(this.setAside(m, refusedMessage(this.store, m, r.reason), false));
          refused.push({ m, r });
        }
      }
      // The way back is saved before the refusal is kept: a restart before the pull still finishes it.
      const remember = async (back: WayBack[]) => {
        // A push retried after a crash may be refused again: one way back per document and box.
        const same = (x: WayBack, y: WayBack) => x.change.id === y.change.id && x.attempt.memberId === y.attempt.memberId;
        this.state.waysBack = [...this.state.waysBack.filter((w) => !back.some((b) => same(w, b))), ...back];
        await this.save();
      };
      if (refused.length) signatures.push(...(await keepRefusedSignatures(this.store, refused, `sincronización:${this.state.username}`, remember)));
      // Kept before the outbox lets them go: a crash in between pushes them again and gets the same answer.
      if (deleted.length) lost += await keepLostChanges(this.store, this.state.clientId, deleted, `sincronización:${this.state.username}`);
      this.outbox = this.outbox.filter((m) => !done.has(m.mutationId));
      this.unsnapshotted += done.size;
    }
    return { count, rejected, lost, signatures };
  }

  /**
   * Refused signatures (already kept and reported by the push) whose documents still show the
   * attempt after the round's pull: the documents return to the signing state the server answered
   * with, merged as the server's own change so it is not sent back. Kept in sync/state.json until
   * done, so an engine restarted between the push and its pull finishes it after its first pull.
   */
  private async backToServer(token: string): Promise<void> {
    if (!this.state.waysBack.length) return;
    const back = this.state.waysBack.filter((w) => stillMine(this.store, w)).map((w) => w.change);
    if (!back.length) {
      this.state.waysBack = [];
      return this.save();
    }
    const actor = `sincronización:${this.state.username}`;
    const transfer = { client: this.client(), token, commission: this.state.commission!, blobs: this.store.blobs };
    // The server's version may be a PDF signed elsewhere that has not come down yet: fetched first, as for a pulled page.
    await downloadBlobs(transfer, back, (sha) => this.awaitFile(sha));
    await this.store.mutate(remoteMutation(this.replica), { changes: back, cursor: this.cursor }, actor);
    // A crash before this save is harmless: the documents no longer show the attempts, so stillMine drops them.
    this.state.waysBack = [];
    await this.save();
    await this.settleAwaiting();
  }

  private setAside(m: Mutation, reason: string, remove = true): SyncRejection {
    const r: SyncRejection = { collection: m.collection, id: m.id, kind: m.type, reason, at: new Date().toISOString() };
    this.state.rejected.push(r);
    if (remove) this.outbox = this.outbox.filter((x) => x.mutationId !== m.mutationId);
    return r;
  }

  /** After a refusal: the settings and a snapshot, so a restart neither pushes it again nor reports it twice. */
  private async settle(): Promise<void> {
    await this.save();
    await this.snapshot();
  }

  private async pull(token: string): Promise<{ count: number; skipped: Outcome['skipped']; repaired: number; signatures: string[] }> {
    const client = this.client();
    const commission = this.state.commission!;
    const transfer = { client, token, commission, blobs: this.store.blobs };
    const skipped: Outcome['skipped'] = [];
    const signatures: string[] = [];
    let count = 0;
    let repaired = 0;
    const missing = (sha: string) => this.awaitFile(sha);
    // Files still pendiente de recibir: asked for again every round.
    if (this.state.awaiting.length) await downloadBlobs(transfer, this.state.awaiting.map((a) => a.sha), () => undefined);
    for (let more = true; more; ) {
      const page = await client.pull(token, commission, this.cursor, PULL_PAGE, this.state.clientId);
      const theirs = page.changes.filter((c) => c.clientId !== this.state.clientId);
      if (theirs.length) {
        await downloadBlobs(transfer, theirs, missing);
        signatures.push(...(await keepLostSignaturesOf(this.store, theirs, `sincronización:${this.state.username}`)));
        // The merge and the new cursor are one journal entry: a crash keeps both or neither.
        const outcome = await this.store.mutate(remoteMutation(this.replica), { changes: theirs, cursor: page.cursor }, `sincronización:${this.state.username}`);
        count += theirs.length;
        this.received += outcome.applied;
        skipped.push(...outcome.skipped);
        const at = new Date().toISOString();
        for (const x of outcome.skipped) this.state.rejected.push({ collection: x.collection, id: x.id, kind: 'recibido', reason: x.reason, at });
        repaired += await appendRepairs(this.store, `sincronización:${this.state.username}`, outcome.repairs);
        for (const m of outcome.bodyMerges) this.merges.push({ draftId: m.draftId, accounts: m.accounts, at, ...(m.seen ? { seen: m.seen } : {}) });
      }
      // Also kept here for pages of this laptop's own changes, which commit nothing (pulling them again is harmless).
      this.state.cursor = page.cursor;
      await this.save();
      more = page.more;
    }
    await this.settleAwaiting();
    return { count, skipped, repaired, signatures };
  }

  private awaitFile(sha: string): void {
    if (!this.state.awaiting.some((a) => a.sha === sha)) this.state.awaiting.push({ sha, since: new Date().toISOString() });
  }

  /** Drops the awaited files that arrived, and tells the blob store which are still on their way. */
  private async settleAwaiting(): Promise<void> {
    const still: Settings['awaiting'] = [];
    for (const a of this.state.awaiting) if (!(await this.store.blobs.has(a.sha))) still.push(a);
    const changed = still.length !== this.state.awaiting.length;
    this.state.awaiting = still;
    this.store.blobs.awaiting = new Set(still.map((a) => a.sha));
    if (changed) await this.save();
  }

  /** Offline sign-in: the server's accounts of the commission, cached for this laptop's sign-in screen. */
  private async cacheAccounts(token: string): Promise<void> {
    const commission = this.state.commission!;
    // The list's ETag counts only while the cached copies here are as that list left them.
    const local = this.cachedCopies(commission);
    const held = this.accountsHeld?.commission === commission && this.accountsHeld.local === local ? this.accountsHeld.etag : undefined;
    const outcome = await refreshAccountCache(this.store, this.client(), token, commission, `sincronización:${this.state.username}`, held);
    this.accountsHeld = outcome.etag ? { etag: outcome.etag, commission, local: this.cachedCopies(commission) } : undefined;
    const at = new Date().toISOString();
    for (const s of outcome.skipped) {
      if (!this.state.rejected.some((r) => r.kind === 'cuenta' && r.reason === s.reason)) this.state.rejected.push({ collection: 'accounts', id: s.username, kind: 'cuenta', reason: s.reason, at });
    }
  }

  private cachedCopies(commission: string): string {
    return JSON.stringify(this.store.all('accounts').filter((a) => a.server?.commission === commission));
  }

  /** The client of `url` (by default the configured server), kept while the address stays the same. */
  private client(url = this.state.server!): ServerClient {
    if (this.http?.baseUrl !== url) this.http = new ServerClient(url);
    return this.http;
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

  /** Writes the small settings file (sync/state.json). */
  private save(): Promise<void> {
    this.state.uploaded = [...this.uploaded];
    return this.files.saveSettings(this.state);
  }

  /** Writes the field index, its journal position and the outbox, taken in one synchronous step. */
  private snapshot(): Promise<void> {
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    this.unsnapshotted = 0;
    return this.files.saveSnapshot({ journalSeq: this.replica.seq, index: this.replica.index, nextMutationId: this.nextMutationId, outbox: this.outbox });
  }

  private snapshotLater(): void {
    if (this.snapshotTimer || this.closed) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      if (this.unsnapshotted && !this.closed) void this.snapshot().catch(() => undefined);
    }, SNAPSHOT_DELAY_MS);
    this.snapshotTimer.unref?.();
  }
}
