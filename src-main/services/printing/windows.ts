import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrintError, type PrinterInfo, type PrinterPort, type PrintOptions, type PrintReceipt } from './port.js';
import { HISTORY_SCRIPT, jobIn, parseHistory, runPowerShell, type RunPowerShell } from './windows-history.js';

type PdfToPrinter = typeof import('pdf-to-printer');

/** A file name Windows accepts, from the job's title (SumatraPDF names the job after the file). */
export function jobFileName(title: string): string {
  const name = title.replace(/[\\/:*?"<>|\p{Cc}]/gu, '-').replace(/[. ]+$/, '').slice(0, 120);
  return `${name || 'documento'}.pdf`;
}

/**
 * Windows printing through pdf-to-printer, which drives the SumatraPDF build it ships: silent
 * printing of a PDF with copies, duplex, paper size and page ranges, which Windows itself lacks.
 * Loaded only on Windows; the packaged app keeps its .exe outside the asar (electron-builder.yml).
 * Jobs are looked up in Windows' queues and print log through PowerShell (windows-history.ts).
 */
export class WindowsPrinters implements PrinterPort {
  readonly kind = 'windows';
  private lib: Promise<PdfToPrinter> | undefined;

  constructor(
    private readonly load: () => Promise<PdfToPrinter> = () => import('pdf-to-printer'),
    private readonly powershell: RunPowerShell = runPowerShell,
  ) {}

  async list(): Promise<PrinterInfo[]> {
    const lib = await this.library();
    const [printers, fallback] = await Promise.all([lib.getPrinters(), lib.getDefaultPrinter().catch(() => null)]);
    return printers.map((p) => ({ name: p.name, isDefault: p.name === fallback?.name, state: 'desconocido' as const }));
  }

  async print(file: string, options: PrintOptions): Promise<PrintReceipt> {
    const printers = await this.list();
    const printer = options.printer ?? printers.find((p) => p.isDefault)?.name;
    if (!printer) throw new PrintError('NO_DEFAULT', 'No hay una impresora predeterminada. Elija una impresora.', 'no default printer is set; choose one with --printer');
    if (!printers.some((p) => p.name === printer)) {
      throw new PrintError('NO_PRINTER', `La impresora «${printer}» no existe en este equipo.`, `printer "${printer}" does not exist (see: sesiona printers)`);
    }
    const lib = await this.library();
    // The job takes the file's name: printed under the title, it is found again by its key.
    const dir = await mkdtemp(join(tmpdir(), 'sesiona-win-'));
    const named = join(dir, jobFileName(options.title));
    try {
      await copyFile(file, named);
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw new PrintError('BAD_INPUT', 'No se pudo leer el archivo que se iba a imprimir.', `cannot read ${file}: ${(e as Error).message}`);
    }
    try {
      await lib.print(named, {
        printer,
        copies: options.copies,
        side: options.duplex === 'doble-cara' ? 'duplexlong' : 'simplex',
        paperSize: 'letter',
        scale: 'noscale',
        ...(options.pages ? { pages: options.pages } : {}),
      });
    } catch (e) {
      const detail = (e as Error).message.slice(0, 200);
      throw new PrintError('FAILED', `La impresora «${printer}» no aceptó el trabajo: ${detail}`, `printer "${printer}" refused the job: ${detail}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // SumatraPDF reports no job number; the audit keeps printer, copies and time, and the job's
    // name (the title) finds it in Windows' history when the app must settle it (findJob).
    return { printer, jobId: 'sumatra' };
  }

  async findJob(key: string): Promise<PrintReceipt | null> {
    let history;
    try {
      history = parseHistory(await this.powershell(HISTORY_SCRIPT));
    } catch (e) {
      throw new PrintError('NO_SERVICE', 'No se pudo consultar el historial de impresión de Windows.', `cannot read the Windows print history: ${(e as Error).message}`);
    }
    return jobIn(history, key);
  }

  private library(): Promise<PdfToPrinter> {
    this.lib ??= this.load();
    return this.lib;
  }
}
