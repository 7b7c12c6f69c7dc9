/**
 * Benchmark: a document's and a session's timeline on a large audit log. The log is written in
 * the journal's own format (segments of 5,000 entries, a valid hash chain) with sessions whose
 * documents are created, locked, signed by three members and printed, ~25 entries per session.
 * Baseline: reading the whole log for every timeline (what timelines did before the index).
 * The index pays one full read to build; later timelines read only their own lines.
 * Run alone with `node --import tsx test/bench/timeline.ts`, or import and call `run()`.
 */
import { appendFile, mkdir, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { timelineOf } from '../../src-main/services/audit/timeline.js';
import { TimelineIndex } from '../../src-main/services/audit/timeline-index.js';
import { GENESIS_HASH, hashEntry, type JournalEntry } from '../../src-main/services/store/audit-log.js';
import { Journal, segmentName } from '../../src-main/services/store/journal.js';
import { newId } from '../../src-shared/ids.js';
import { tempDir } from '../support/temp.js';

const ENTRIES = Number(process.env.TIMELINE_BENCH_ENTRIES ?? 100_000);
const SEGMENT = 5000;
const CALLS = 20;

class LogWriter {
  seq = 0;
  prev = GENESIS_HASH;
  private lines: string[] = [];
  private file = segmentName(1);
  constructor(private readonly dir: string) {}
  async add(mutation: string, actor: string, changes: { collection: string; record: Record<string, unknown> }[]) {
    const seq = ++this.seq;
    const at = new Date(Date.UTC(2020, 0, 1) + seq * 60_000).toISOString();
    const stamped = changes.map((c) => ({ collection: c.collection, record: { ...c.record, hlc: `${Date.parse(at)}-0000-bench` } }));
    const base = { at, hlc: `${Date.parse(at)}-0000-bench`, actor, mutation, records: stamped.map((c) => ({ collection: c.collection, id: String((c.record as { id?: string }).id) })), changes: stamped, seq, prevHash: this.prev };
    const entry = { ...base, hash: hashEntry(base as Omit<JournalEntry, 'hash'>) };
    this.prev = entry.hash;
    this.lines.push(JSON.stringify(entry));
    if (seq % SEGMENT === 0) {
      await this.flush();
      this.file = segmentName(seq + 1);
    }
  }
  async flush() {
    if (this.lines.length) await appendFile(join(this.dir, this.file), `${this.lines.join('\n')}\n`);
    this.lines = [];
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<void> {
  const dir = await tempDir('sesiona-bench-timeline-');
  try {
    const audit = join(dir.path, 'audit');
    await mkdir(audit, { recursive: true });
    const log = new LogWriter(audit);
    const targets: { sessionId?: string; documentId?: string }[] = [];
    const signer = (i: number, status: string) => ({ memberId: `m${i}`, name: `CONSEJERA ${i}`, role: 'Consejera Integrante', status, ...(status === 'firmado' ? { certificateNumber: `0000100000070000000${i}` } : {}) });
    let n = 0;
    while (log.seq < ENTRIES) {
      const sessionId = newId();
      const session = { id: sessionId, key: `IEM-CMI-SEORD-${String(n++ % 99).padStart(2, '0')}/2024`, status: 'programada', documents: [], agenda: [{ id: newId(), text: 'Lista de asistencia' }] };
      await log.add('session.create', 'secretaria', [{ collection: 'sessions', record: session }]);
      for (let d = 0; d < 4 && log.seq < ENTRIES; d++) {
        const id = newId();
        const doc = { id, title: `Acta ${session.key}`, sessionId, status: 'borrador', documentTimestamps: [], signers: [1, 2, 3].map((i) => signer(i, 'pendiente')), pdf: 'a'.repeat(64) };
        await log.add('document.create', 'secretaria', [{ collection: 'documents', record: doc }]);
        await log.add('document.lock', 'secretaria', [{ collection: 'documents', record: { ...doc, lockedAt: '2024-01-01T00:00:00Z' } }]);
        for (let s = 1; s <= 3; s++) {
          const signers = [1, 2, 3].map((i) => signer(i, i <= s ? 'firmado' : 'pendiente'));
          await log.add('document.sign', `consejera${s}`, [{ collection: 'documents', record: { ...doc, lockedAt: '2024-01-01T00:00:00Z', signers } }]);
        }
        await log.add('document.print', 'personal', [
          { collection: 'printJobs', record: { id: newId(), documentId: id, printer: 'PDF', copies: 2, duplex: 'una-cara', jobId: `PDF-${n}`, printedBy: 'personal', state: 'enviado' } },
        ]);
        if (targets.length < CALLS && n % 50 === 1) targets.push(d % 2 ? { documentId: id } : { sessionId });
      }
      await log.add('session.update', 'secretaria', [{ collection: 'sessions', record: { ...session, status: 'celebrada' } }]);
    }
    await log.flush();
    const typed = targets as ({ sessionId: string } | { documentId: string })[];

    // Baseline: the whole log read and parsed for each timeline.
    const whole: number[] = [];
    const expected: unknown[] = [];
    for (const t of typed.slice(0, 5)) {
      const t0 = performance.now();
      const { entries } = await new Journal(audit, SEGMENT).readAll();
      expected.push(timelineOf(entries, t));
      whole.push(performance.now() - t0);
    }
    const index = new TimelineIndex(dir.path);
    const b0 = performance.now();
    await index.update();
    const build = performance.now() - b0;
    const indexed: number[] = [];
    for (const [i, t] of typed.entries()) {
      const t0 = performance.now();
      const events = timelineOf(await index.entries(t), t);
      indexed.push(performance.now() - t0);
      if (i < expected.length && JSON.stringify(events) !== JSON.stringify(expected[i])) throw new Error(`indexed timeline ${i} differs from the whole-log one`);
    }
    // 100 more entries appended: the next timeline reads only those to catch up.
    for (let i = 0; i < 100; i++) await log.add('session.update', 'secretaria', [{ collection: 'sessions', record: { id: newId(), key: 'X', status: 'programada', documents: [] } }]);
    await log.flush();
    const c0 = performance.now();
    await index.entries(typed[0]!);
    const catchUp = performance.now() - c0;

    const base = median(whole);
    const fast = median(indexed);
    console.log(`machine load (1 min): ${loadavg()[0]!.toFixed(2)}`);
    console.log(`${log.seq.toLocaleString('en-US')} audit entries in ${Math.ceil(log.seq / SEGMENT)} segments; ${typed.length} timelines (documents and sessions)`);
    console.log(`baseline, whole log read per timeline: median ${base.toFixed(0)} ms`);
    console.log(`index built once (one full read): ${build.toFixed(0)} ms`);
    console.log(`timeline through the index: median ${fast.toFixed(2)} ms; ratio ${(base / fast).toFixed(0)}× faster than reading the whole log`);
    console.log(`after 100 more entries, catch-up plus timeline: ${catchUp.toFixed(2)} ms`);
    // What a catch-up rewrites in place (everything else it writes is appended).
    const state = await stat(join(dir.path, 'index', 'timeline', 'state.json'));
    console.log(`state file rewritten on each catch-up: ${state.size.toLocaleString('en-US')} bytes`);
  } finally {
    await dir.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
