import { createHash, type Hash } from 'node:crypto';
import { open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../src-shared/contract/errors.js';
import { GENESIS_HASH, hashEntry, type JournalEntry } from './audit-log.js';
import { FILE_MODE, fsyncDir, io, writeFileDurable } from './durable.js';

/** A full segment, never written again: its last hash anchors the chain segment by segment. */
export interface SealedSegment {
  file: string;
  firstSeq: number;
  lastSeq: number;
  lastHash: string;
  sha256: string;
  bytes: number;
}

interface SegmentIndex {
  segments: SealedSegment[];
}

const SEGMENT_FILE = /^log-(\d{10})\.jsonl$/;
export const INDEX_FILE = 'segments.json';

export function segmentName(firstSeq: number): string {
  return `log-${String(firstSeq).padStart(10, '0')}.jsonl`;
}

export function damagedLine(file: string, line: number, what: string): AppError {
  return new AppError(
    'STORAGE',
    `La bitácora está dañada: el archivo audit/${file}, línea ${line}, ${what}. No se borró nada. ` +
      'Restaure ese archivo desde un respaldo (o consulte a soporte técnico) y vuelva a abrir Sesiona.',
  );
}

/** Parses a segment's lines; a line without its newline at the very end is a torn write. */
function parseSegment(file: string, text: string, firstSeq: number, allowTorn: boolean): { entries: JournalEntry[]; goodBytes: number } {
  const entries: JournalEntry[] = [];
  let start = 0;
  let lineNo = 0;
  let expected = firstSeq;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    lineNo++;
    if (end === -1) {
      if (allowTorn) break; // never acknowledged: the append did not finish
      throw damagedLine(file, lineNo, 'está incompleta');
    }
    const line = text.slice(start, end);
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      throw damagedLine(file, lineNo, 'no es JSON válido');
    }
    if (!entry || typeof entry !== 'object' || entry.seq !== expected || typeof entry.hash !== 'string') {
      throw damagedLine(file, lineNo, `no es la entrada ${expected} que corresponde`);
    }
    expected++;
    entries.push(entry);
    start = end + 1;
  }
  return { entries, goodBytes: Buffer.byteLength(text.slice(0, start), 'utf8') };
}

const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
parentPort.postMessage(workerData.map((p) => { try { return createHash('sha256').update(readFileSync(p)).digest('hex'); } catch { return ''; } }));
`;

/** sha256 of each file, computed on a worker thread ('' for a file that cannot be read). */
function hashOffThread(paths: string[]): Promise<string[]> {
  if (!paths.length) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: paths });
    worker.once('message', (hashes: string[]) => resolve(hashes));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`hash worker exited ${code}`)));
  });
}

export interface JournalOpen {
  /** Entries with seq >= fromSeq (all of them when fromSeq is 0 or 1). */
  entries: JournalEntry[];
  firstSeq: number;
  lastSeq: number;
  lastHash: string;
  /** The hash of entry `fromSeq`, when the journal reaches it. */
  hashAtFrom: string | undefined;
}

/**
 * The audit log and redo journal, split into segments of at most `segmentEntries` entries.
 * One JSON line per mutation, hash-chained; an entry is durable (fsync) before it is acknowledged,
 * which makes the journal the store's commit point.
 */
export class Journal {
  private index: SegmentIndex = { segments: [] };
  private active: { file: string; firstSeq: number; fh: FileHandle | undefined; bytes: number; entries: number; hash: Hash } | undefined;
  private last = { seq: 0, hash: GENESIS_HASH };
  private broken: string | undefined;

  constructor(
    private readonly dir: string,
    private readonly segmentEntries: number,
  ) {}

  get lastSeq(): number {
    return this.last.seq;
  }

  get lastHash(): string {
    return this.last.hash;
  }

  get sealed(): readonly SealedSegment[] {
    return this.index.segments;
  }

  private async files(): Promise<{ file: string; firstSeq: number }[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names
      .map((file) => ({ file, m: SEGMENT_FILE.exec(file) }))
      .filter((f) => f.m)
      .map((f) => ({ file: f.file, firstSeq: Number(f.m![1]) }))
      .sort((a, b) => a.firstSeq - b.firstSeq);
  }

  private async readIndex(): Promise<SegmentIndex> {
    let text: string;
    try {
      text = await readFile(join(this.dir, INDEX_FILE), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { segments: [] };
      throw e;
    }
    try {
      const parsed = JSON.parse(text) as SegmentIndex;
      if (!Array.isArray(parsed.segments)) throw new Error('segments');
      return parsed;
    } catch {
      throw new AppError(
        'STORAGE',
        `El índice de la bitácora audit/${INDEX_FILE} está dañado. No se borró nada. Restáurelo desde un respaldo o consulte a soporte técnico.`,
      );
    }
  }

  /**
   * Reads what opening needs: sealed segments wholly before `fromSeq` are only checked against
   * their recorded hash; the rest is parsed. A torn last line is cut off; any other damage
   * refuses with the segment and line, deleting nothing.
   */
  /**
   * Starts hashing, on another thread, the sealed segments a checkpoint at `fromSeq` covers,
   * so opening checks them while the main thread reads the shards. `open` uses the result.
   */
  prefetch(fromSeq: number): void {
    this.prefetched = {
      fromSeq,
      hashes: (async () => {
        const index = await this.readIndex().catch(() => ({ segments: [] }) as SegmentIndex);
        const files = index.segments.filter((s) => s.lastSeq <= fromSeq).map((s) => s.file);
        return new Map((await hashOffThread(files.map((f) => join(this.dir, f)))).map((h, i) => [files[i]!, h]));
      })().catch(() => new Map<string, string>()),
    };
  }

  private prefetched: { fromSeq: number; hashes: Promise<Map<string, string>> } | undefined;

  async open(fromSeq: number): Promise<JournalOpen> {
    this.index = await this.readIndex();
    const sealedByFile = new Map(this.index.segments.map((s) => [s.file, s]));
    const files = await this.files();
    const known = this.prefetched?.fromSeq === fromSeq ? await this.prefetched.hashes : new Map<string, string>();
    this.prefetched = undefined;
    const entries: JournalEntry[] = [];
    let prev = { seq: 0, hash: GENESIS_HASH };
    let hashAtFrom: string | undefined;
    const rebuilt: SealedSegment[] = [];
    for (const [i, { file, firstSeq }] of files.entries()) {
      const isLast = i === files.length - 1;
      if (prev.seq !== 0 && firstSeq !== prev.seq + 1) {
        throw damagedLine(file, 1, `debería empezar en la entrada ${prev.seq + 1}: falta un segmento anterior`);
      }
      const sealed = sealedByFile.get(file);
      const path = join(this.dir, file);
      if (sealed && !isLast && sealed.lastSeq <= fromSeq && known.get(file) === sealed.sha256) {
        if (sealed.lastSeq === fromSeq) hashAtFrom = sealed.lastHash;
        prev = { seq: sealed.lastSeq, hash: sealed.lastHash };
        rebuilt.push(sealed);
        continue;
      }
      const bytes = await readFile(path);
      if (sealed && !isLast && sealed.lastSeq <= fromSeq) {
        const sha = createHash('sha256').update(bytes).digest('hex');
        if (sha === sealed.sha256) {
          if (sealed.lastSeq === fromSeq) hashAtFrom = sealed.lastHash;
          prev = { seq: sealed.lastSeq, hash: sealed.lastHash };
          rebuilt.push(sealed);
          continue;
        }
        // Altered: parse it to name the damaged line; a valid but edited line is left to the audit check.
      }
      const text = bytes.toString('utf8');
      // A sealed last segment (a crash right after sealing) is closed: the next append starts a new one.
      const writable = isLast && !sealed;
      const parsed = parseSegment(file, text, firstSeq, writable);
      if (parsed.entries.length && parsed.entries[0]!.prevHash !== prev.hash && prev.seq !== 0) {
        throw damagedLine(file, 1, 'no continúa la cadena del segmento anterior');
      }
      for (const e of parsed.entries) {
        if (e.seq === fromSeq) hashAtFrom = e.hash;
        if (e.seq >= fromSeq) entries.push(e);
      }
      const tail = parsed.entries.at(-1);
      if (writable) {
        if (parsed.goodBytes < bytes.length) {
          const fh = await open(path, 'r+');
          try {
            await fh.truncate(parsed.goodBytes);
            await fh.sync();
          } finally {
            await fh.close();
          }
        }
        const hash = createHash('sha256').update(bytes.subarray(0, parsed.goodBytes));
        this.active = { file, firstSeq, fh: undefined, bytes: parsed.goodBytes, entries: parsed.entries.length, hash };
      } else {
        const lastSeq = tail ? tail.seq : firstSeq - 1;
        rebuilt.push(
          sealed ?? {
            file,
            firstSeq,
            lastSeq,
            lastHash: tail?.hash ?? prev.hash,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            bytes: bytes.length,
          },
        );
      }
      if (tail) prev = { seq: tail.seq, hash: tail.hash };
    }
    this.index = { segments: rebuilt };
    this.last = prev;
    return { entries, firstSeq: files[0]?.firstSeq ?? 1, lastSeq: prev.seq, lastHash: prev.hash, hashAtFrom };
  }

  /** Appends one entry and makes it durable. On failure the segment is cut back to what it was. */
  async append(entry: Omit<JournalEntry, 'seq' | 'prevHash' | 'hash'>): Promise<JournalEntry> {
    if (this.broken) throw new AppError('STORAGE', this.broken);
    if (!this.active || this.active.entries >= this.segmentEntries) await this.roll();
    const active = this.active!;
    const base = { ...entry, seq: this.last.seq + 1, prevHash: this.last.hash };
    const full: JournalEntry = { ...base, hash: hashEntry(base) };
    const line = Buffer.from(`${JSON.stringify(full)}\n`, 'utf8');
    const isNew = active.bytes === 0;
    if (!active.fh) active.fh = await open(join(this.dir, active.file), 'a', FILE_MODE);
    try {
      await io.write(active.fh, line);
      await io.sync(active.fh);
      if (isNew) await fsyncDir(this.dir);
    } catch (e) {
      await this.cutBack(active, e);
      throw new AppError(
        'STORAGE',
        `No se guardó el cambio: no se pudo escribir en el disco (${(e as NodeJS.ErrnoException).code ?? 'error'}). ` +
          'Libere espacio o revise el disco e intente de nuevo.',
      );
    }
    active.bytes += line.length;
    active.entries++;
    active.hash.update(line);
    this.last = { seq: full.seq, hash: full.hash };
    return full;
  }

  private async cutBack(active: NonNullable<Journal['active']>, cause: unknown): Promise<void> {
    try {
      await active.fh!.truncate(active.bytes);
      await active.fh!.sync();
    } catch {
      this.broken =
        'La bitácora no pudo restaurarse tras un error de escritura; no se aceptan más cambios. ' +
        `Cierre Sesiona, libere espacio en el disco y vuelva a abrirla (${String((cause as Error).message ?? cause)}).`;
    }
  }

  /** Seals the active segment (index first, so a crash never leaves an unsealed middle segment) and starts the next. */
  private async roll(): Promise<void> {
    const active = this.active;
    if (active && active.entries > 0) {
      const sealed: SealedSegment = {
        file: active.file,
        firstSeq: active.firstSeq,
        lastSeq: this.last.seq,
        lastHash: this.last.hash,
        sha256: active.hash.copy().digest('hex'),
        bytes: active.bytes,
      };
      const index = { segments: [...this.index.segments, sealed] };
      await writeFileDurable(join(this.dir, INDEX_FILE), JSON.stringify(index, null, 2));
      this.index = index;
      await active.fh?.close();
    } else if (active) {
      return; // an empty active segment is reused
    }
    const firstSeq = this.last.seq + 1;
    this.active = { file: segmentName(firstSeq), firstSeq, fh: undefined, bytes: 0, entries: 0, hash: createHash('sha256') };
  }

  async close(): Promise<void> {
    await this.active?.fh?.close();
    if (this.active) this.active.fh = undefined;
  }

  /** Entries with seq < before (newest first), reading only the segments that hold them. */
  async page(before: number | undefined, limit: number): Promise<JournalEntry[]> {
    const files = await this.files();
    const out: JournalEntry[] = [];
    let upTo = Math.min(before === undefined ? this.last.seq : before - 1, this.last.seq);
    for (let i = files.length - 1; i >= 0 && out.length < limit && upTo >= 1; i--) {
      const { file, firstSeq } = files[i]!;
      if (firstSeq > upTo) continue;
      const text = await readFile(join(this.dir, file), 'utf8');
      const lines = text.split('\n');
      for (let seq = upTo; seq >= firstSeq && out.length < limit; seq--) {
        const line = lines[seq - firstSeq];
        if (!line) continue;
        out.push(JSON.parse(line) as JournalEntry);
      }
      upTo = firstSeq - 1;
    }
    return out;
  }

  /** Every entry, for the audit check; damage is reported by the caller, not thrown. */
  async readAll(): Promise<{ entries: JournalEntry[]; problems: string[] }> {
    const problems: string[] = [];
    const entries: JournalEntry[] = [];
    const files = await this.files();
    const sealedByFile = new Map(this.index.segments.map((s) => [s.file, s]));
    for (const { file, firstSeq } of files) {
      const bytes = await readFile(join(this.dir, file));
      const sealed = sealedByFile.get(file);
      if (sealed && createHash('sha256').update(bytes).digest('hex') !== sealed.sha256) {
        problems.push(`El segmento audit/${file} cambió después de cerrarse (su huella no coincide con audit/${INDEX_FILE}).`);
      }
      try {
        const parsed = parseSegment(file, bytes.toString('utf8'), firstSeq, file === files.at(-1)?.file);
        if (sealed && parsed.entries.at(-1)?.hash !== sealed.lastHash) {
          problems.push(`El último hash del segmento audit/${file} no coincide con el registrado en audit/${INDEX_FILE}.`);
        }
        entries.push(...parsed.entries);
      } catch (e) {
        problems.push((e as AppError).message);
        return { entries, problems };
      }
    }
    return { entries, problems };
  }
}
