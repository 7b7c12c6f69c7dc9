import { createHash } from 'node:crypto';
import { open, readFile, truncate, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditCheck, AuditEntry } from '../../../src-shared/contract/calls.js';
import { fsyncDir } from './durable.js';
import type { CollectionName } from './collections.js';

export interface StoredChange {
  collection: CollectionName;
  record: { id: string; hlc: string } & Record<string, unknown>;
}

/** A full audit line: the entry users see plus the records it wrote, so it doubles as a redo journal. */
export interface JournalEntry extends AuditEntry {
  changes: StoredChange[];
}

export const GENESIS_HASH = '0'.repeat(64);

export function hashEntry(entry: Omit<JournalEntry, 'hash'>): string {
  return createHash('sha256').update(entry.prevHash).update('\n').update(canonicalJson(entry)).digest('hex');
}

/** JSON with sorted keys, so the hash does not depend on property order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

/**
 * Append-only, hash-chained log of every mutation, one JSON line each. An entry is durable
 * (fsync) before the records it carries are written, which makes it the store's commit point.
 */
export class AuditLog {
  private last: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };

  constructor(private readonly path: string) {}

  /** Reads the log, drops a torn last line left by a crash, returns the entries. */
  async open(): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const entries: JournalEntry[] = [];
    let goodBytes = 0;
    let offset = 0;
    for (const line of text.split('\n')) {
      const lineBytes = Buffer.byteLength(line, 'utf8') + 1;
      if (offset + lineBytes > Buffer.byteLength(text, 'utf8')) break; // no trailing newline: torn
      offset += lineBytes;
      if (line === '') continue;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch {
        break;
      }
      entries.push(entry);
      goodBytes = offset;
    }
    const size = (await stat(this.path)).size;
    if (goodBytes < size) await truncate(this.path, goodBytes);
    const tail = entries.at(-1);
    if (tail) this.last = { seq: tail.seq, hash: tail.hash };
    return entries;
  }

  nextSeq(): number {
    return this.last.seq + 1;
  }

  async append(entry: Omit<JournalEntry, 'seq' | 'prevHash' | 'hash'>): Promise<JournalEntry> {
    const base = { ...entry, seq: this.last.seq + 1, prevHash: this.last.hash };
    const full: JournalEntry = { ...base, hash: hashEntry(base) };
    const isNew = this.last.seq === 0;
    const fh = await open(this.path, 'a');
    try {
      await fh.write(`${JSON.stringify(full)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (isNew) await fsyncDir(dirname(this.path));
    this.last = { seq: full.seq, hash: full.hash };
    return full;
  }

  async readAll(): Promise<JournalEntry[]> {
    try {
      const text = await readFile(this.path, 'utf8');
      return text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as JournalEntry);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  static verify(entries: JournalEntry[]): AuditCheck {
    let prev = GENESIS_HASH;
    for (const [i, entry] of entries.entries()) {
      const { hash, ...rest } = entry;
      if (entry.seq !== i + 1 || entry.prevHash !== prev || hashEntry(rest) !== hash) {
        return { ok: false, entries: entries.length, brokenAt: entry.seq };
      }
      prev = hash;
    }
    return { ok: true, entries: entries.length };
  }
}

export function publicEntry(entry: JournalEntry): AuditEntry {
  const { changes: _changes, ...rest } = entry;
  return rest;
}
