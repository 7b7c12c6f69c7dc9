/**
 * Where each document's and session's entries sit in the audit log, so a timeline reads only its
 * own lines instead of the whole log. The index (index/timeline/) is a cache of the journal: it is
 * brought up to date by reading only what was appended since (from a remembered segment and byte
 * offset), and rebuilt from the log whenever it does not match it. The log stays the authority:
 * every line read through the index is checked against the sequence number and hash recorded.
 * Everything it writes on a catch-up is appended (pointers, document and acta links) except a
 * small state file, so a catch-up costs what was appended to the log, not the size of the index.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntry } from '../store/audit-log.js';

const SEGMENT = /^log-(\d{10})\.jsonl$/;
const SAFE_ID = /^[0-9A-Za-z_-]{1,64}$/;
const VERSION = 5;
const LINKS = 'links.jsonl';
/** Pointers are spread over this many files: few files to write, a small one to read. */
const BUCKETS = 256;

/** What state.json holds: the segment and byte offset up to which the log has been indexed, and the last entry read. */
interface Position {
  version: number;
  file: string;
  offset: number;
  seq: number;
}

interface State extends Position {
  /** Which session each document belongs to, so print jobs land in the session's timeline too. */
  docSession: Map<string, string>;
  /** Which session each acta body (draft) belongs to, for its edits. */
  draftSession: Map<string, string>;
  /** Links learnt in this catch-up, appended to links.jsonl with the state. */
  fresh: Link[];
}

/** One line of links.jsonl: "d" document or "a" acta body, its id, its session, the entry that said so. */
type Link = ['d' | 'a', string, string, number];

/** One line of a bucket: target id, seq, segment, byte offset, length, entry hash. */
type Pointer = [string, number, string, number, number, string];

export function bucketOf(id: string): string {
  return `b${(createHash('sha1').update(id).digest().readUInt16BE(0) % BUCKETS).toString(16).padStart(2, '0')}.jsonl`;
}

export type Target = { documentId: string } | { sessionId: string };

class StaleIndex extends Error {}

export class TimelineIndex {
  private readonly dir: string;
  private readonly auditDir: string;
  /** The state as last written; callers run one at a time (the store's exclusive lane). */
  private cached: State | undefined;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'index', 'timeline');
    this.auditDir = join(dataDir, 'audit');
  }

  /** The entries of one target, oldest first, reading only their lines of the log. */
  async entries(target: Target): Promise<JournalEntry[]> {
    const id = 'documentId' in target ? target.documentId : target.sessionId;
    if (!SAFE_ID.test(id)) return [];
    for (let attempt = 0; ; attempt++) {
      try {
        await this.update(attempt > 0);
        return await this.read(id);
      } catch (e) {
        if (!(e instanceof StaleIndex) || attempt > 0) throw e;
      }
    }
  }

  private async segments(): Promise<string[]> {
    return (await readdir(this.auditDir).catch(() => [] as string[])).filter((f) => SEGMENT.test(f)).sort();
  }

  private async loadState(): Promise<State | undefined> {
    try {
      const s = JSON.parse(await readFile(join(this.dir, 'state.json'), 'utf8')) as Position;
      if (s.version !== VERSION || typeof s.offset !== 'number' || typeof s.seq !== 'number' || typeof s.file !== 'string') return undefined;
      const state: State = { version: s.version, file: s.file, offset: s.offset, seq: s.seq, docSession: new Map(), draftSession: new Map(), fresh: [] };
      const text = await readFile(join(this.dir, LINKS), 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return '';
        throw e;
      });
      for (const line of text.split('\n')) {
        if (!line) continue;
        const [kind, id, session, seq] = JSON.parse(line) as Link;
        // Links past the state were written by a catch-up a crash cut short: it is redone.
        if (seq <= state.seq) (kind === 'd' ? state.docSession : state.draftSession).set(id, session);
      }
      return state;
    } catch {
      return undefined;
    }
  }

  /** Indexes what was appended to the log since the last call (everything when `rebuild`). */
  async update(rebuild = false): Promise<void> {
    const files = await this.segments();
    let state = rebuild ? undefined : (this.cached ?? (await this.loadState()));
    this.cached = undefined;
    if (state && !files.includes(state.file)) state = undefined; // the log was replaced
    if (!state) {
      await rm(this.dir, { recursive: true, force: true });
      state = { version: VERSION, file: files[0] ?? '', offset: 0, seq: 0, docSession: new Map(), draftSession: new Map(), fresh: [] };
    }
    await mkdir(this.dir, { recursive: true });
    const pending = new Map<string, Pointer[]>();
    let changed = false;
    for (const file of files.slice(Math.max(0, files.indexOf(state.file)))) {
      const start = file === state.file ? state.offset : 0;
      const fh = await open(join(this.auditDir, file), 'r');
      let bytes: Buffer;
      try {
        const size = (await fh.stat()).size;
        if (size < start) throw new StaleIndex('segment shorter than indexed');
        bytes = Buffer.alloc(size - start);
        if (bytes.length) await fh.read(bytes, 0, bytes.length, start);
      } finally {
        await fh.close();
      }
      let at = 0;
      for (;;) {
        const end = bytes.indexOf(0x0a, at);
        if (end === -1) break; // a line still being written is indexed next time
        const entry = JSON.parse(bytes.toString('utf8', at, end)) as JournalEntry;
        if (entry.seq !== state.seq + 1) throw new StaleIndex(`expected entry ${state.seq + 1}, found ${entry.seq}`);
        for (const id of this.targetsOf(entry, state)) {
          const bucket = bucketOf(id);
          let list = pending.get(bucket);
          if (!list) pending.set(bucket, (list = []));
          list.push([id, entry.seq, file, start + at, end - at, entry.hash]);
        }
        state.seq = entry.seq;
        at = end + 1;
      }
      if (file !== state.file || at > 0) changed = true;
      state.file = file;
      state.offset = start + at;
    }
    if (!changed) {
      this.cached = state;
      return;
    }
    // Pointers first, then the state: after a crash in between, lines are indexed again and the
    // duplicates are dropped on reading.
    for (const [bucket, list] of pending) await appendFile(join(this.dir, bucket), list.map((p) => `${JSON.stringify(p)}\n`).join(''));
    if (state.fresh.length) await appendFile(join(this.dir, LINKS), state.fresh.map((l) => `${JSON.stringify(l)}\n`).join(''));
    state.fresh = [];
    const tmp = join(this.dir, 'state.json.tmp');
    const position: Position = { version: state.version, file: state.file, offset: state.offset, seq: state.seq };
    await writeFile(tmp, JSON.stringify(position));
    await rename(tmp, join(this.dir, 'state.json'));
    this.cached = state;
  }

  private targetsOf(entry: JournalEntry, { docSession, draftSession, fresh }: State): Set<string> {
    const ids = new Set<string>();
    const link = (kind: Link[0], map: Map<string, string>, id: string, session: string) => {
      if (map.get(id) === session) return;
      map.set(id, session);
      fresh.push([kind, id, session, entry.seq]);
    };
    for (const change of entry.changes ?? []) {
      const r = change.record as { id: string; sessionId?: string; documentId?: string; draftId?: string };
      if (change.collection === 'documents') {
        ids.add(r.id);
        if (r.sessionId) {
          link('d', docSession, r.id, r.sessionId);
          ids.add(r.sessionId);
        }
      } else if (change.collection === 'printJobs' && r.documentId) {
        ids.add(r.documentId);
        const session = docSession.get(r.documentId);
        if (session) ids.add(session);
      } else if (change.collection === 'sessions') {
        ids.add(r.id);
      } else if (change.collection === 'minutes' && r.sessionId) {
        ids.add(r.sessionId);
        if (r.draftId) link('a', draftSession, r.draftId, r.sessionId);
      } else if (change.collection === 'draftUpdates' && r.draftId) {
        const session = draftSession.get(r.draftId);
        if (session) ids.add(session);
      }
    }
    for (const id of ids) if (!SAFE_ID.test(id)) ids.delete(id);
    return ids;
  }

  private async read(id: string): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await readFile(join(this.dir, bucketOf(id)), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const bySeq = new Map<number, Pointer>();
    const quoted = `["${id}",`;
    for (const line of text.split('\n')) {
      if (!line) continue;
      let p: Pointer;
      try {
        p = JSON.parse(line) as Pointer;
      } catch {
        throw new StaleIndex('unreadable index line');
      }
      if (line.startsWith(quoted)) bySeq.set(p[1], p);
    }
    const pointers = [...bySeq.values()].sort((a, b) => a[1] - b[1]);
    const out: JournalEntry[] = [];
    const byFile = new Map<string, Pointer[]>();
    for (const p of pointers) {
      let list = byFile.get(p[2]);
      if (!list) byFile.set(p[2], (list = []));
      list.push(p);
    }
    for (const [file, list] of byFile) {
      const fh = await open(join(this.auditDir, file), 'r').catch(() => {
        throw new StaleIndex(`segment ${file} is gone`);
      });
      try {
        for (const [, seq, , offset, length, hash] of list) {
          const buf = Buffer.alloc(length);
          const { bytesRead } = await fh.read(buf, 0, length, offset);
          let entry: JournalEntry;
          try {
            entry = JSON.parse(buf.toString('utf8', 0, bytesRead)) as JournalEntry;
          } catch {
            throw new StaleIndex(`entry ${seq} moved`);
          }
          if (entry.seq !== seq || entry.hash !== hash) throw new StaleIndex(`entry ${seq} changed`);
          out.push(entry);
        }
      } finally {
        await fh.close();
      }
    }
    return out.sort((a, b) => a.seq - b.seq);
  }
}
