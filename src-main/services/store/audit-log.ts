import { createHash } from 'node:crypto';
import type { AuditCheck, AuditEntry } from '../../../src-shared/contract/calls.js';
import type { CollectionName } from './collections.js';
import type { HeadAnchor } from './head-anchor.js';

export interface StoredChange {
  collection: CollectionName;
  record: { id: string; hlc: string } & Record<string, unknown>;
}

/** A full audit line: the entry users see plus the records it wrote, so it doubles as a redo journal. */
export interface JournalEntry extends AuditEntry {
  changes: StoredChange[];
  /** The previous entry's head signed with the office seal: only on the entry that creates the seal. */
  head?: HeadAnchor;
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

export function verifyChain(entries: JournalEntry[]): AuditCheck {
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

export function publicEntry(entry: JournalEntry): AuditEntry {
  const { changes: _changes, head: _head, ...rest } = entry;
  return rest;
}
