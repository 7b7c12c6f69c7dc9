/**
 * What the sync client keeps beside the store, in two files of very different sizes:
 *
 * - `sync/state.json`, small: the server, the account, the sealed refresh token, the blobs the
 *   server already holds, refusals, the last sync. Written whenever one of these changes.
 * - `sync/replica.json`, large: the field index (one row per synced record) with the journal
 *   position it describes, the numbered outbox and the next mutationId. It is a cache of a fold of
 *   the journal, so it is written only now and then: after a crash the engine folds the journal
 *   after the saved position again, which numbers the same mutations with the same ids (the fold
 *   is deterministic), and the server answers "duplicate" for those it already has.
 *
 * The pull cursor is not here but in the store (syncProgress), journaled with the changes it
 * covers; state.json keeps a copy for pages that merged nothing.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { SyncRejection } from '../../../src-shared/contract/sync.js';
import type { Mutation } from '../../../src-shared/sync/protocol.js';
import { makeDir, writeFileDurable } from '../store/durable.js';
import type { FieldIndex } from '../store/replication.js';
import type { WayBack } from './signatures.js';

export interface Settings {
  format: 2;
  clientId: string;
  server: string | null;
  username: string | null;
  commission: string | null;
  displayName: string | null;
  /** The cursor after the last page that merged nothing (the store's syncProgress has the rest). */
  cursor: number;
  rejected: SyncRejection[];
  lastSync: string | null;
  /** base64 of the refresh token sealed with the data key. */
  sealedRefresh: string | null;
  /** SHA-256 of the blobs this server is known to hold: never uploaded again. */
  uploaded: string[];
  /**
   * Files named by merged records that the server did not have yet ("pendiente de recibir"):
   * asked for again every round until they arrive.
   */
  awaiting: { sha: string; since: string }[];
  /** Files named by pushed records that this laptop did not hold when it pushed: uploaded as soon as they are here. */
  owed: string[];
  /** Refused signatures whose documents go back to the server's signing state after the next pull (signatures.ts). */
  waysBack: WayBack[];
}

export interface ReplicaSnapshot {
  /** The last journal position folded into `index` and `outbox`. */
  journalSeq: number;
  index: FieldIndex;
  nextMutationId: number;
  outbox: Mutation[];
}

/** Refusals kept on disk: the newest ones, enough for the screen. */
const KEEP_REJECTED = 200;
/** Ways back kept at most: a push page has at most this many signatures anyway. */
const KEEP_WAYS_BACK = 1000;

export function freshSettings(): Settings {
  return {
    format: 2,
    clientId: `c${randomBytes(12).toString('hex')}`,
    server: null,
    username: null,
    commission: null,
    displayName: null,
    cursor: 0,
    rejected: [],
    lastSync: null,
    sealedRefresh: null,
    uploaded: [],
    awaiting: [],
    owed: [],
    waysBack: [],
  };
}

export const emptySnapshot = (): ReplicaSnapshot => ({ journalSeq: 0, index: {}, nextMutationId: 1, outbox: [] });

const DAMAGED = 'El estado de sincronización (sync/state.json) está dañado. Muévalo a otra carpeta y vuelva a iniciar sesión en el servidor; sus datos no se tocan.';

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('STORAGE', DAMAGED);
  }
}

/** One writer per file: each write waits for the one before, and the newest text wins. */
class FileWriter {
  private chain: Promise<void> = Promise.resolve();
  constructor(readonly path: string) {}
  write(text: string): Promise<void> {
    const run = this.chain.then(async () => {
      await makeDir(dirname(this.path));
      await writeFileDurable(this.path, text);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

export class StateFiles {
  private readonly settingsFile: FileWriter;
  private readonly replicaFile: FileWriter;

  constructor(dataDir: string) {
    this.settingsFile = new FileWriter(join(dataDir, 'sync', 'state.json'));
    this.replicaFile = new FileWriter(join(dataDir, 'sync', 'replica.json'));
  }

  /** Undefined when this folder never signed in to a server. Reads the earlier one-file format too. */
  async load(): Promise<{ settings: Settings; snapshot: ReplicaSnapshot } | undefined> {
    const saved = (await readJson(this.settingsFile.path)) as (Partial<Omit<Settings, 'format'>> & Partial<ReplicaSnapshot> & { format?: number }) | undefined;
    if (!saved) return undefined;
    if (typeof saved !== 'object' || typeof saved.clientId !== 'string') throw new AppError('STORAGE', DAMAGED);
    const settings: Settings = { ...freshSettings(), ...pick(saved), format: 2 };
    let snapshot = (await readJson(this.replicaFile.path).catch(() => undefined)) as ReplicaSnapshot | undefined;
    // A damaged or missing snapshot costs a fold of the journal, nothing else.
    if (!isSnapshot(snapshot)) snapshot = saved.format === 1 && isSnapshot(saved) ? pickSnapshot(saved) : emptySnapshot();
    if (saved.format === 1) {
      // Into the two files, the snapshot first: a crash in between leaves the old file, still readable.
      await this.saveSnapshot(snapshot);
      await this.saveSettings(settings);
    }
    return { settings, snapshot };
  }

  saveSettings(settings: Settings): Promise<void> {
    const text = JSON.stringify({ ...settings, rejected: settings.rejected.slice(-KEEP_REJECTED) });
    return this.settingsFile.write(text);
  }

  /** `snapshot` must be taken in one synchronous step (index, position and outbox of one moment). */
  saveSnapshot(snapshot: ReplicaSnapshot): Promise<void> {
    return this.replicaFile.write(JSON.stringify(snapshot));
  }
}

function pick(saved: Partial<Omit<Settings, 'format'>>): Partial<Settings> {
  const { clientId, server, username, commission, displayName, cursor, rejected, lastSync, sealedRefresh, uploaded, awaiting, owed, waysBack } = saved;
  const out: Partial<Settings> = { clientId, server, username, commission, displayName, cursor, rejected, lastSync, sealedRefresh, uploaded };
  if (Array.isArray(awaiting)) out.awaiting = awaiting.filter((a) => typeof a?.sha === 'string' && /^[0-9a-f]{64}$/.test(a.sha) && typeof a.since === 'string');
  if (Array.isArray(owed)) out.owed = owed.filter((sha) => typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha));
  // What a hand-edited file holds otherwise is dropped: a way back only ever restores the server's own state.
  if (Array.isArray(waysBack)) out.waysBack = waysBack.filter(isWayBack).slice(-KEEP_WAYS_BACK);
  for (const k of Object.keys(out) as (keyof Settings)[]) if (out[k] === undefined) delete out[k];
  return out;
}

function isWayBack(v: unknown): v is WayBack {
  const w = v as { change?: Record<string, unknown>; attempt?: Record<string, unknown> } | null;
  const c = w?.change;
  const fields = (c?.data as { fields?: unknown } | undefined)?.fields;
  return Boolean(
    c && c.type === 'sign' && c.collection === 'documents' && typeof c.id === 'string' && typeof c.hlc === 'string' && typeof c.box === 'string' && fields && typeof fields === 'object' && !Array.isArray(fields) && typeof w?.attempt?.memberId === 'string',
  );
}

function isSnapshot(v: unknown): v is ReplicaSnapshot {
  const s = v as ReplicaSnapshot | undefined;
  return Boolean(s && Number.isInteger(s.journalSeq) && Number.isInteger(s.nextMutationId) && Array.isArray(s.outbox) && s.index && typeof s.index === 'object');
}

function pickSnapshot(s: ReplicaSnapshot): ReplicaSnapshot {
  return { journalSeq: s.journalSeq, index: s.index, nextMutationId: s.nextMutationId, outbox: s.outbox };
}
