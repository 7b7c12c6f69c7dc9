/**
 * Writing an incremental update (ISO 32000-1 §7.5.6): new objects appended after the original
 * bytes, then a cross-reference section of the same kind as the previous one with /Prev pointing
 * at it. Shared by signatures, document timestamps and the printed-copy seal page.
 */
import { randomBytes } from 'node:crypto';
import type { PdfReader } from './reader.js';
import { PdfName, PdfRef, PdfString, serialize, type PdfDict, type PdfValue } from './syntax.js';

/** Appends parts and remembers where each object starts. */
export class Update {
  readonly parts: Buffer[] = [];
  readonly objects = new Map<number, { offset: number; gen: number }>();
  length: number;

  constructor(readonly base: number) {
    this.length = base;
  }

  add(data: string | Buffer): number {
    const at = this.length;
    const buf = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.parts.push(buf);
    this.length += buf.length;
    return at;
  }

  object(ref: PdfRef, ...body: (string | Buffer)[]): number {
    const at = this.add(`${ref.num} ${ref.gen} obj\n`);
    this.objects.set(ref.num, { offset: at, gen: ref.gen });
    for (const part of body) this.add(part);
    this.add('\nendobj\n');
    return at;
  }

  stream(ref: PdfRef, dict: PdfDict, data: Buffer): void {
    const full: PdfDict = new Map(dict);
    full.set('Length', data.length);
    this.object(ref, `${serialize(full)}\nstream\n`, data, '\nendstream');
  }
}

export function subsections(nums: number[]): [number, number[]][] {
  const out: [number, number[]][] = [];
  for (const num of [...nums].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1].length === num) last[1].push(num);
    else out.push([num, [num]]);
  }
  return out;
}

// randomBytes per call costs more than the rest of the trailer; draw ids from a pool.
let idPool = Buffer.alloc(0);
function freshId(): Buffer {
  if (idPool.length < 16) idPool = randomBytes(16 * 256);
  const id = idPool.subarray(0, 16);
  idPool = idPool.subarray(16);
  return id;
}

export function trailerEntries(reader: PdfReader, root: PdfRef, size: number): PdfDict {
  const trailer: PdfDict = new Map<string, PdfValue>([
    ['Size', size],
    ['Root', root],
  ]);
  const info = reader.trailer.get('Info');
  if (info !== undefined) trailer.set('Info', info);
  // /ID keeps its permanent first half; the second half changes with every update (§14.4).
  const id = reader.trailer.get('ID');
  const fresh = new PdfString(freshId(), true);
  trailer.set('ID', [Array.isArray(id) && id[0] instanceof PdfString ? id[0] : fresh, fresh]);
  trailer.set('Prev', (reader.sections[0] as { offset: number }).offset);
  return trailer;
}

export function writeXrefTable(update: Update, trailer: PdfDict): void {
  const at = update.add('xref\n');
  let text = '';
  for (const [start, nums] of subsections([...update.objects.keys()])) {
    text += `${start} ${nums.length}\n`;
    for (const num of nums) {
      const { offset, gen } = update.objects.get(num) as { offset: number; gen: number };
      text += `${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`;
    }
  }
  update.add(`${text}trailer\n${serialize(trailer)}\nstartxref\n${at}\n%%EOF\n`);
}

export function writeXrefStream(update: Update, trailer: PdfDict, ref: PdfRef): void {
  const offset = update.length;
  update.objects.set(ref.num, { offset, gen: 0 });
  const groups = subsections([...update.objects.keys()]);
  const rows = Buffer.alloc(update.objects.size * 7);
  let pos = 0;
  for (const [, nums] of groups) {
    for (const num of nums) {
      const entry = update.objects.get(num) as { offset: number; gen: number };
      rows[pos] = 1;
      rows.writeUInt32BE(entry.offset, pos + 1);
      rows.writeUInt16BE(entry.gen, pos + 5);
      pos += 7;
    }
  }
  const dict: PdfDict = new Map<string, PdfValue>([
    ['Type', new PdfName('XRef')],
    ['W', [1, 4, 2]],
    ['Index', groups.flatMap(([start, nums]) => [start, nums.length])],
    ...trailer,
    ['Length', rows.length],
  ]);
  update.add(`${ref.num} 0 obj\n${serialize(dict)}\nstream\n`);
  update.add(rows);
  update.add(`\nendstream\nendobj\nstartxref\n${offset}\n%%EOF\n`);
}


/** Closes an update: trailer entries, then an xref stream when `xrefRef` is given, else a table. */
export function finishUpdate(update: Update, reader: PdfReader, root: PdfRef, size: number, xrefRef: PdfRef | undefined): Buffer[] {
  const trailer = trailerEntries(reader, root, size);
  if (xrefRef) writeXrefStream(update, trailer, xrefRef);
  else writeXrefTable(update, trailer);
  return update.parts;
}
