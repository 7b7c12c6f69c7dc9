import { PrintError, type PrinterInfo, type PrinterPort, type PrintOptions, type PrintReceipt } from './port.js';

type PdfToPrinter = typeof import('pdf-to-printer');

/**
 * Windows printing through pdf-to-printer, which drives the SumatraPDF build it ships: silent
 * printing of a PDF with copies, duplex, paper size and page ranges, which Windows itself lacks.
 * Loaded only on Windows; the packaged app keeps its .exe outside the asar (electron-builder.yml).
 */
export class WindowsPrinters implements PrinterPort {
  readonly kind = 'windows';
  private lib: Promise<PdfToPrinter> | undefined;

  constructor(private readonly load: () => Promise<PdfToPrinter> = () => import('pdf-to-printer')) {}

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
    try {
      await lib.print(file, {
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
    }
    // SumatraPDF reports no job number; the audit keeps printer, copies and time instead.
    return { printer, jobId: 'sumatra' };
  }

  private library(): Promise<PdfToPrinter> {
    this.lib ??= this.load();
    return this.lib;
  }
}
