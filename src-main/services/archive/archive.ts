import type { ArchiveEntry, ArchiveFilter } from '../../../src-shared/contract/archive.js';
import type { DocumentRecord } from '../../../src-shared/domain/index.js';
import type { Store } from '../store/store.js';
import { join } from 'node:path';
import { TextCache } from './text-cache.js';
import { fold, pdfText } from './text.js';

/**
 * The text of each stored PDF version, extracted the first time a search needs it. Keyed by the
 * blob's sha256, so a new version (a signature added) is read again and an unchanged one never is.
 */
export class TextIndex {
  private readonly texts = new Map<string, Promise<{ text: string; folded: string }>>();
  private readonly cache: TextCache;

  constructor(private readonly store: Store) {
    this.cache = new TextCache(join(store.dataDir, 'index', 'text'));
  }

  text(sha: string): Promise<{ text: string; folded: string }> {
    let t = this.texts.get(sha);
    if (!t) {
      t = this.extract(sha).then((text) => ({ text, folded: fold(text) }));
      this.texts.set(sha, t);
    }
    return t;
  }

  /** From the text cache on disk when it is there and whole; else pdf.js, then cached for the next start. */
  private async extract(sha: string): Promise<string> {
    const cached = await this.cache.get(sha);
    if (cached !== undefined) return cached;
    const text = await this.store.blobs
      .get(sha)
      .then((bytes) => pdfText(bytes))
      .catch(() => '');
    await this.cache.put(sha, text).catch(() => undefined);
    return text;
  }

  /** Drops texts of versions no document points to any more. */
  prune(): void {
    const live = new Set(this.store.all('documents').map((d) => d.pdf));
    for (const sha of this.texts.keys()) if (!live.has(sha)) this.texts.delete(sha);
  }
}

const indexes = new WeakMap<Store, TextIndex>();
export function textIndex(store: Store): TextIndex {
  let i = indexes.get(store);
  if (!i) indexes.set(store, (i = new TextIndex(store)));
  return i;
}

export function archiveEntry(store: Store, d: DocumentRecord, prints: number): ArchiveEntry {
  const session = d.sessionId ? store.get('sessions', d.sessionId) : undefined;
  const commission = session ? store.get('commissions', session.commissionId) : undefined;
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    fileName: d.fileName,
    createdAt: d.createdAt,
    status: d.status,
    ...(commission ? { commission: { id: commission.id, acronym: commission.acronym, name: commission.name } } : {}),
    ...(session ? { session: { id: session.id, key: session.key, date: session.date } } : {}),
    signers: d.signers.map((s) => ({
      name: s.name,
      role: s.role,
      status: s.status,
      ...(s.signedAt ? { signedAt: s.signedAt } : {}),
      ...(s.certificateNumber ? { certificateNumber: s.certificateNumber } : {}),
    })),
    prints,
  };
}

/** The date a document belongs to: its session's day, else the day it was made. */
function dayOf(e: ArchiveEntry): string {
  return e.session?.date ?? e.createdAt.slice(0, 10);
}

const EXCERPT = 60;

/** Newest first; every filter narrows; `text` searches titles, signers, session keys and the PDFs' text. */
export async function listArchive(store: Store, filter: ArchiveFilter): Promise<ArchiveEntry[]> {
  const prints = new Map<string, number>();
  for (const j of store.all('printJobs')) if (j.state !== 'no-enviado') prints.set(j.documentId, (prints.get(j.documentId) ?? 0) + 1);
  const signer = filter.signer ? fold(filter.signer) : '';
  const rows = store
    .all('documents')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((d) => ({ d, e: archiveEntry(store, d, prints.get(d.id) ?? 0) }))
    .filter(
      ({ e }) =>
        (!filter.kind || e.kind === filter.kind) &&
        (!filter.status || e.status === filter.status) &&
        (!filter.commissionId || e.commission?.id === filter.commissionId) &&
        (!filter.sessionId || e.session?.id === filter.sessionId) &&
        (!filter.from || dayOf(e) >= filter.from) &&
        (!filter.to || dayOf(e) <= filter.to) &&
        (!signer || e.signers.some((s) => fold(s.name).includes(signer))),
    );
  const words = filter.text ? fold(filter.text).split(/\s+/).filter(Boolean) : [];
  if (!words.length) return rows.map(({ e }) => e);
  const index = textIndex(store);
  const found: ArchiveEntry[] = [];
  for (const { d, e } of rows) {
    const { text, folded } = await index.text(d.pdf);
    const meta = fold([e.title, e.session?.key ?? '', e.commission?.acronym ?? '', e.commission?.name ?? '', ...e.signers.map((s) => s.name)].join(' '));
    // Every word must appear, in the PDF's text or in what the archive knows about it.
    if (!words.every((w) => folded.includes(w) || meta.includes(w))) continue;
    const at = folded.indexOf(words[0]!);
    found.push(at >= 0 ? { ...e, excerpt: excerpt(text, at, words[0]!.length) } : e);
  }
  return found;
}

function excerpt(text: string, at: number, length: number): string {
  const from = Math.max(0, at - EXCERPT);
  const to = Math.min(text.length, at + length + EXCERPT);
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${flat(text.slice(from, to)).trim()}${to < text.length ? '…' : ''}`;
}
