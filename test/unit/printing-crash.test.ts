/**
 * A job CUPS accepted is in the audit trail even when Sesiona dies before recording it: the
 * intent is journaled before the job is sent, and opening the folder again settles it from
 * CUPS's own job history (by the key at the end of the job's title). Needs CUPS with the
 * CUPS-PDF printer "PDF" (test/support/start-cups.sh).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/services/api.js';
import { openApp } from '../../src-main/services/app/open-app.js';
import { timeline } from '../../src-main/services/audit/timeline.js';
import { CupsPrinters, PrintError, type PrinterPort } from '../../src-main/services/printing/index.js';
import type { ArgsOf, CallName, ResultOf } from '../../src-shared/contract/index.js';
import { tempDir } from '../support/temp.js';

const child = fileURLToPath(new URL('../support/print-crash.ts', import.meta.url));
let dir: Awaited<ReturnType<typeof tempDir>>;
let documentId: string;

async function call<K extends CallName>(app: { handlers: Parameters<typeof dispatch>[0] }, name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const reply = await dispatch(app.handlers, name, args);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as ResultOf<K>;
}

beforeAll(async () => {
  const running = spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (!/scheduler is running/.test(running.stdout ?? '')) throw new Error('CUPS is not running: run test/support/start-cups.sh first');
  dir = await tempDir('sesiona-print-crash-');
  const app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria', demo: true });
  const cmi = app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
  const created = await call(app, 'sessions.create', {
    commissionId: cmi.id,
    type: 'ordinaria',
    date: '2024-05-30',
    time: '10:00',
    modality: 'virtual',
    agenda: ['Lista de asistencia'],
  });
  documentId = (await call(app, 'sessions.convene', { id: created.id })).documentId;
  await app.close();
}, 60_000);
afterAll(async () => {
  await dir?.cleanup();
});

/** Runs the child until it kills itself; returns what it printed. */
function printAndDie(moment: 'after-submit' | 'before-submit'): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir.path, documentId, moment], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(out) : reject(new Error(`child was not killed: ${out}${err}`))));
  });
}

async function reopen(printers: PrinterPort) {
  const app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'auditoria', demo: false, printers });
  await app.printsReconciled;
  return app;
}

describe('a print job when the process dies', () => {
  it('is recorded with its CUPS job id on the next open when the process died right after CUPS accepted it', async () => {
    const said = await printAndDie('after-submit');
    const [, jobId, title] = /^submitted (\S+) (.*)$/m.exec(said)! as unknown as [string, string, string];
    expect(title).toMatch(/ sesiona-[0-9a-z]{10}$/);

    // Nothing is settled while CUPS cannot be asked: the intent stays, and is settled later.
    const down = await reopen(new CupsPrinters({ server: '127.0.0.1:9' }));
    const pending = down.store.all('printJobs').filter((j) => j.documentId === documentId);
    expect(pending).toEqual([expect.objectContaining({ state: 'enviando', printer: 'PDF', copies: 2, printedBy: 'personal', jobId: '' })]);
    await down.close();

    const app = await reopen(new CupsPrinters());
    try {
      const jobs = app.store.all('printJobs').filter((j) => j.documentId === documentId);
      expect(jobs).toEqual([expect.objectContaining({ state: 'enviado', printer: 'PDF', jobId, copies: 2, printedBy: 'personal', reconciled: true })]);
      const events = await timeline(app.store, { documentId });
      expect(events.map((e) => e.label)).toEqual(
        expect.arrayContaining([
          'Impresión solicitada por personal en PDF (2 copias)',
          `Impreso por personal en PDF (2 copias); trabajo ${jobId} confirmado al reabrir Sesiona`,
        ]),
      );
      const listed = await call(app, 'printing.jobs', { documentId });
      expect(listed.map((j) => [j.state, j.jobId])).toEqual([['enviado', jobId]]);
      expect(await app.store.verifyAudit()).toMatchObject({ ok: true });
    } finally {
      await app.close();
    }
  }, 60_000);

  it('is recorded as never sent when the process died before handing it to CUPS', async () => {
    expect(await printAndDie('before-submit')).toContain('dying before submit');
    const app = await reopen(new CupsPrinters());
    try {
      const jobs = app.store.all('printJobs').filter((j) => j.documentId === documentId).sort((a, b) => a.at.localeCompare(b.at));
      expect(jobs.map((j) => j.state)).toEqual(['enviado', 'no-enviado']);
      expect(jobs[1]).toMatchObject({ jobId: '', reconciled: true });
      const events = await timeline(app.store, { documentId });
      expect(events.at(-1)!.label).toBe('La impresión en PDF (2 copias) no llegó a la impresora');
      // The archive counts only prints that reached a printer.
      const listed = await call(app, 'archive.list', {});
      expect(listed.find((e) => e.id === documentId)?.prints).toBe(1);
    } finally {
      await app.close();
    }
  }, 60_000);
});

describe('CUPS job history over IPP', () => {
  it('finds a job by the key at the end of its title, answers null for an unknown key, and says when CUPS cannot be asked', async () => {
    const cups = new CupsPrinters();
    const key = `sesiona-${Math.random().toString(36).slice(2, 12).padEnd(10, '0')}`;
    const d = await tempDir();
    try {
      const { writeFile } = await import('node:fs/promises');
      const { PDFDocument } = await import('pdf-lib');
      const pdf = await PDFDocument.create();
      pdf.addPage([612, 792]);
      await writeFile(`${d.path}/a.pdf`, await pdf.save());
      const receipt = await cups.print(`${d.path}/a.pdf`, { printer: 'PDF', copies: 1, duplex: 'una-cara', title: `Prueba ${key}` });
      expect(await cups.findJob(key)).toEqual(receipt);
      expect(await cups.findJob('sesiona-zzzzzzzzzz')).toBeNull();
      await expect(new CupsPrinters({ server: '127.0.0.1:9' }).findJob(key)).rejects.toBeInstanceOf(PrintError);
    } finally {
      await d.cleanup();
    }
  });
});
