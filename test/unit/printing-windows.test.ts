/**
 * The Windows adapter's mapping onto pdf-to-printer, checked with a stand-in for the library
 * (Windows and its printers do not exist on these machines): what is asked of the printer, the
 * Spanish messages when it cannot print, and how a job is found again in Windows' history from
 * PowerShell's output. That output is written here in the shape Windows PowerShell 5.1's
 * ConvertTo-Json gives for HISTORY_SCRIPT (no Windows machine was at hand to record it).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/services/api.js';
import { openApp } from '../../src-main/services/app/open-app.js';
import { timeline } from '../../src-main/services/audit/timeline.js';
import { checkPrintOptions, PrintError, WindowsPrinters } from '../../src-main/services/printing/index.js';
import { HISTORY_SCRIPT } from '../../src-main/services/printing/windows-history.js';
import type { ArgsOf, CallName, ResultOf } from '../../src-shared/contract/index.js';
import { tempDir } from '../support/temp.js';

function fakeLibrary(fail?: string, extra: { hang?: boolean; powershell?: (script: string) => Promise<string> } = {}) {
  const jobs: { file: string; options: Record<string, unknown>; bytes: number }[] = [];
  const lib = {
    getPrinters: async () => [
      { deviceId: 'HP', name: 'HP LaserJet Oficialía', paperSizes: ['Letter'] },
      { deviceId: 'PDF', name: 'Microsoft Print to PDF', paperSizes: ['Letter'] },
    ],
    getDefaultPrinter: async () => ({ deviceId: 'HP', name: 'HP LaserJet Oficialía', paperSizes: ['Letter'] }),
    print: async (file: string, options: Record<string, unknown>) => {
      if (fail) throw new Error(fail);
      // The adapter's own copy, named after the job, exists while SumatraPDF prints it.
      jobs.push({ file, options, bytes: readFileSync(file).length });
      // SumatraPDF still running when the app is closed under it.
      if (extra.hang) await new Promise(() => undefined);
    },
  };
  return { jobs, port: new WindowsPrinters(async () => lib as never, extra.powershell) };
}

describe('Windows printing (mapping onto pdf-to-printer)', () => {
  it('lists the printers with the default marked', async () => {
    const { port } = fakeLibrary();
    expect(await port.list()).toEqual([
      { name: 'HP LaserJet Oficialía', isDefault: true, state: 'desconocido' },
      { name: 'Microsoft Print to PDF', isDefault: false, state: 'desconocido' },
    ]);
  });

  it('prints on Letter paper with copies, duplex and pages, to the default printer when none is chosen', async () => {
    const { port, jobs } = fakeLibrary();
    const d = await tempDir();
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(`${d.path}/acta.pdf`, '%PDF-1.7 acta');
      const receipt = await port.print(`${d.path}/acta.pdf`, { copies: 3, duplex: 'doble-cara', pages: '1-2', title: 'Acta IEM-CMI-SEORD-03/2023 sesiona-01jq8zk3v7' });
      expect(receipt).toEqual({ printer: 'HP LaserJet Oficialía', jobId: 'sumatra' });
      // SumatraPDF names the job after the file it prints: the file carries the title and its key.
      expect(jobs.map((j) => ({ ...j, file: basename(j.file) }))).toEqual([
        {
          file: 'Acta IEM-CMI-SEORD-03-2023 sesiona-01jq8zk3v7.pdf',
          bytes: 13,
          options: { printer: 'HP LaserJet Oficialía', copies: 3, side: 'duplexlong', paperSize: 'letter', scale: 'noscale', pages: '1-2' },
        },
      ]);
    } finally {
      await d.cleanup();
    }
  });

  it('refuses a printer that does not exist, a file it cannot read, and reports a failed job in Spanish', async () => {
    const d = await tempDir();
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(`${d.path}/a.pdf`, '%PDF-1.7');
      await expect(fakeLibrary().port.print(`${d.path}/a.pdf`, { printer: 'Otra', copies: 1, duplex: 'una-cara', title: 't' })).rejects.toThrow(
        'La impresora «Otra» no existe en este equipo.',
      );
      await expect(fakeLibrary().port.print(`${d.path}/falta.pdf`, { copies: 1, duplex: 'una-cara', title: 't' })).rejects.toThrow(
        'No se pudo leer el archivo que se iba a imprimir.',
      );
      await expect(fakeLibrary('spooler stopped').port.print(`${d.path}/a.pdf`, { copies: 1, duplex: 'una-cara', title: 't' })).rejects.toThrow(
        'La impresora «HP LaserJet Oficialía» no aceptó el trabajo: spooler stopped',
      );
    } finally {
      await d.cleanup();
    }
  });

  it('accepts Windows printer names as Windows writes them, and refuses what no Windows printer is called', () => {
    for (const name of ['HP LaserJet Oficialía', 'Microsoft Print to PDF', '\\\\servidor-iem\\Impresora (2.º piso)']) {
      expect(checkPrintOptions({ printer: name, copies: 1, duplex: 'una-cara', title: 't' }, 'windows').printer).toBe(name);
    }
    for (const name of ['HP, LaserJet', '¡Alto!', ' HP', 'HP ', '-HP', 'HP\nLaserJet', 'x'.repeat(221)]) {
      expect(() => checkPrintOptions({ printer: name, copies: 1, duplex: 'una-cara', title: 't' }, 'windows'), name).toThrow(/no es válido/);
    }
    // CUPS queue names never have spaces.
    expect(() => checkPrintOptions({ printer: 'HP LaserJet', copies: 1, duplex: 'una-cara', title: 't' })).toThrow(/no es válido/);
  });
});

// HISTORY_SCRIPT's output as Windows PowerShell 5.1 writes it: a BOM at times, a one-element
// array as the bare element, an empty one as null, document names as SumatraPDF's file paths.
const QUEUED = JSON.stringify({
  logEnabled: false,
  queued: [
    { id: 11, name: 'C:\\Users\\oficialia\\AppData\\Local\\Temp\\sesiona-win-a1\\Informe sesiona-01jq8zaaaa.pdf', printer: 'HP LaserJet Oficialía' },
    { id: 12, name: 'C:\\Users\\oficialia\\AppData\\Local\\Temp\\sesiona-win-b2\\Acta IEM-CMI-SEORD-03-2023 sesiona-01jq8zk3v7.pdf', printer: 'HP LaserJet Oficialía' },
  ],
  printed: null,
});
const LOGGED = `\uFEFF${JSON.stringify({
  logEnabled: true,
  queued: null,
  printed: { id: 7, name: 'C:\\Users\\oficialia\\AppData\\Local\\Temp\\sesiona-win-c3\\Acta sesiona-01jq8zk3v7.pdf', printer: 'Microsoft Print to PDF' },
})}\r\n`;
const EMPTY_LOG_ON = JSON.stringify({ logEnabled: true, queued: [], printed: [] });
const EMPTY_LOG_OFF = JSON.stringify({ logEnabled: false, queued: [], printed: [] });

describe('Windows job history (PowerShell: print queues and the PrintService log)', () => {
  const port = (out: string | Error) => fakeLibrary(undefined, { powershell: async () => (out instanceof Error ? Promise.reject(out) : out) }).port;

  it('finds a job still in a queue, or printed in the log, by the key in its name', async () => {
    expect(await port(QUEUED).findJob('sesiona-01jq8zk3v7')).toEqual({ printer: 'HP LaserJet Oficialía', jobId: 'HP LaserJet Oficialía-12' });
    expect(await port(LOGGED).findJob('sesiona-01jq8zk3v7')).toEqual({ printer: 'Microsoft Print to PDF', jobId: 'Microsoft Print to PDF-7' });
  });

  it('answers never received only when the log of printed documents is on', async () => {
    expect(await port(EMPTY_LOG_ON).findJob('sesiona-01jq8zk3v7')).toBeNull();
    const off = await port(EMPTY_LOG_OFF).findJob('sesiona-01jq8zk3v7').catch((e: unknown) => e);
    expect(off).toBeInstanceOf(PrintError);
    expect((off as PrintError).spanish).toMatch(/^Windows no guarda el historial de impresión/);
    expect((off as PrintError).english).toContain('wevtutil sl Microsoft-Windows-PrintService/Operational /e:true');
  });

  it('says so when PowerShell fails or writes something else', async () => {
    for (const out of [new Error('Get-Printer : The spooler service is not reachable.'), 'Get-Printer : Acceso denegado', '{"logEnabled":"sí"}', '']) {
      const e = await port(out).findJob('sesiona-01jq8zk3v7').catch((x: unknown) => x);
      expect(e, String(out)).toBeInstanceOf(PrintError);
      expect((e as PrintError).spanish).toBe('No se pudo consultar el historial de impresión de Windows.');
    }
  });

  it('asks Windows for queued jobs and for printed-document events by their parameters, not their translated text', () => {
    expect(HISTORY_SCRIPT).toContain('Get-PrintJob -PrinterName');
    expect(HISTORY_SCRIPT).toMatch(/LogName = \$log; Id = 307/);
    expect(HISTORY_SCRIPT).toMatch(/DocumentPrinted[\s\S]*Param2[\s\S]*Param5/);
    expect(HISTORY_SCRIPT).not.toMatch(/\.Message\b/);
  });
});

async function call<K extends CallName>(app: { handlers: Parameters<typeof dispatch>[0] }, name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const reply = await dispatch(app.handlers, name, args);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as ResultOf<K>;
}

describe('a Windows print job whose process stopped', () => {
  it('is settled from Windows history on the next open: printed, never received, or left pending while Windows cannot tell', async () => {
    const d = await tempDir('sesiona-win-reconcile-');
    const history = (h: object) => ({ powershell: async () => JSON.stringify(h) });
    const reopen = async (h: object) => {
      const app = await openApp({ dataDir: d.path, host: 'cli', actor: 'auditoria', demo: false, printers: fakeLibrary(undefined, history(h)).port });
      await app.printsReconciled;
      return app;
    };
    try {
      const stuck = fakeLibrary(undefined, { hang: true, ...history({ logEnabled: false, queued: [], printed: [] }) });
      const app = await openApp({ dataDir: d.path, host: 'cli', actor: 'personal', demo: true, printers: stuck.port });
      const cmi = app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
      const created = await call(app, 'sessions.create', { commissionId: cmi.id, type: 'ordinaria', date: '2024-05-30', time: '10:00', modality: 'virtual', agenda: ['Lista de asistencia'] });
      const documentId = (await call(app, 'sessions.convene', { id: created.id })).documentId;
      for (let i = 0; i < 3; i++) {
        void dispatch(app.handlers, 'printing.print', { id: documentId, printer: 'HP LaserJet Oficialía', copies: i + 1 });
        while (stuck.jobs.length < i + 1) await new Promise((r) => setTimeout(r, 20));
      }
      await app.close();
      const [a, b] = stuck.jobs.map((j) => j.file) as [string, string, string];
      expect(basename(a)).toMatch(/ sesiona-[0-9a-z]{10}\.pdf$/);

      // The log is off: the first job is still queued; nothing can be said of the others.
      const first = await reopen({ logEnabled: false, queued: [{ id: 40, name: a, printer: 'HP LaserJet Oficialía' }], printed: null });
      expect(first.store.all('printJobs').map((j) => [j.copies, j.state, j.jobId]).sort()).toEqual([
        [1, 'enviado', 'HP LaserJet Oficialía-40'],
        [2, 'enviando', ''],
        [3, 'enviando', ''],
      ]);
      await first.close();

      // The log is on: the second job was printed; the third never reached Windows.
      const second = await reopen({ logEnabled: true, queued: null, printed: { id: 41, name: b, printer: 'HP LaserJet Oficialía' } });
      try {
        expect(second.store.all('printJobs').map((j) => [j.copies, j.state, j.jobId]).sort()).toEqual([
          [1, 'enviado', 'HP LaserJet Oficialía-40'],
          [2, 'enviado', 'HP LaserJet Oficialía-41'],
          [3, 'no-enviado', ''],
        ]);
        const labels = (await timeline(second.store, { documentId })).map((e) => e.label);
        expect(labels).toEqual(
          expect.arrayContaining([
            'Impreso por personal en HP LaserJet Oficialía (1 copia); trabajo HP LaserJet Oficialía-40 confirmado al reabrir Sesiona',
            'Impreso por personal en HP LaserJet Oficialía (2 copias); trabajo HP LaserJet Oficialía-41 confirmado al reabrir Sesiona',
            'La impresión en HP LaserJet Oficialía (3 copias) no llegó a la impresora',
          ]),
        );
        expect(await second.store.verifyAudit()).toMatchObject({ ok: true });
      } finally {
        await second.close();
      }
    } finally {
      await d.cleanup();
    }
  }, 60_000);
});
