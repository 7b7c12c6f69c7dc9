import { execFile } from 'node:child_process';
import { cupsJobs } from './ipp.js';
import { PrintError, type PrinterInfo, type PrinterPort, type PrintOptions, type PrintReceipt } from './port.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CupsOptions {
  /** host:port of the CUPS scheduler; the system's own when left out. */
  server?: string;
  /** Directory holding lp and lpstat, for tests; found on PATH otherwise. */
  binDir?: string;
  timeoutMs?: number;
}

/** CUPS on Linux and macOS, through its own lp and lpstat commands. */
export class CupsPrinters implements PrinterPort {
  readonly kind = 'cups';

  constructor(private readonly options: CupsOptions = {}) {}

  async list(): Promise<PrinterInfo[]> {
    await this.assertRunning();
    const names = (await this.run('lpstat', ['-e'])).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    const defaultName = /destination:\s*(\S+)/.exec((await this.run('lpstat', ['-d'])).stdout)?.[1];
    const states = new Map<string, PrinterInfo['state']>();
    const status = await this.run('lpstat', ['-p']);
    for (const line of status.stdout.split('\n')) {
      const m = /^printer (\S+) (?:is )?(\w+)/.exec(line);
      if (!m) continue;
      const word = m[2]!;
      states.set(m[1]!, word === 'idle' ? 'lista' : word === 'now' ? 'imprimiendo' : word === 'disabled' ? 'detenida' : 'desconocido');
    }
    return names.map((name) => ({ name, isDefault: name === defaultName, state: states.get(name) ?? 'desconocido' }));
  }

  async print(file: string, options: PrintOptions): Promise<PrintReceipt> {
    const printers = await this.list();
    const printer = options.printer ?? printers.find((p) => p.isDefault)?.name;
    if (!printer) {
      throw new PrintError(
        'NO_DEFAULT',
        'No hay una impresora predeterminada. Elija una impresora.',
        'no default printer is set; choose one with --printer',
      );
    }
    if (!printers.some((p) => p.name === printer)) {
      throw new PrintError(
        'NO_PRINTER',
        `La impresora «${printer}» no existe en este equipo.`,
        `printer "${printer}" does not exist (see: sesiona printers)`,
      );
    }
    const args = ['-d', printer, '-n', String(options.copies), '-t', options.title, '-o', 'media=Letter', '-o', 'fit-to-page=false'];
    // PostScript printers (and CUPS-PDF) get the PDF through cups-filters' pdftops. Its default
    // renderer (Ghostscript) turns the documents' embedded DejaVu CID fonts into outlines with no
    // text, so the paper a scanner or a CUPS-PDF copy yields has no readable words; pdftocairo
    // keeps them as Type 42 fonts with their Unicode mapping. Other drivers ignore the option.
    args.push('-o', 'pdftops-renderer=pdftocairo');
    args.push('-o', options.duplex === 'doble-cara' ? 'sides=two-sided-long-edge' : 'sides=one-sided');
    if (options.pages) args.push('-P', options.pages);
    args.push('--', file);
    const r = await this.run('lp', args);
    const jobId = /request id is (\S+)/.exec(r.stdout)?.[1];
    if (r.code !== 0 || !jobId) {
      const detail = (r.stderr || r.stdout).trim().slice(0, 200);
      throw new PrintError('FAILED', `La impresora «${printer}» no aceptó el trabajo: ${detail}`, `printer "${printer}" refused the job: ${detail}`);
    }
    return { printer, jobId };
  }

  async findJob(key: string): Promise<PrintReceipt | null> {
    let jobs;
    try {
      jobs = await cupsJobs(this.options.server, this.options.timeoutMs ?? 10_000);
    } catch (e) {
      throw new PrintError('NO_SERVICE', 'No se pudo consultar el servicio de impresión (CUPS).', `cannot ask CUPS for its jobs: ${(e as Error).message}`);
    }
    const job = jobs.find((j) => j.name.endsWith(key));
    return job ? { printer: job.printer, jobId: `${job.printer}-${job.id}` } : null;
  }

  private async assertRunning(): Promise<void> {
    const r = await this.run('lpstat', ['-r']);
    if (!/scheduler is running/.test(r.stdout)) {
      throw new PrintError(
        'NO_SERVICE',
        'El servicio de impresión (CUPS) no está en ejecución. Pida a soporte técnico que lo inicie.',
        'the CUPS scheduler is not running',
      );
    }
  }

  private run(command: 'lp' | 'lpstat', args: string[]): Promise<Run> {
    const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };
    if (this.options.server) env.CUPS_SERVER = this.options.server;
    const bin = this.options.binDir ? `${this.options.binDir}/${command}` : command;
    return new Promise((resolve, reject) => {
      execFile(bin, args, { env, timeout: this.options.timeoutMs ?? 30_000, encoding: 'utf8' }, (error, stdout, stderr) => {
        const code = error && typeof (error as NodeJS.ErrnoException).code === 'string' ? (error as NodeJS.ErrnoException).code : undefined;
        if (code === 'ENOENT') {
          reject(new PrintError('NO_SERVICE', 'CUPS no está instalado en este equipo; no se puede imprimir.', `CUPS is not installed (${command} not found)`));
          return;
        }
        if (error && (error as { killed?: boolean }).killed) {
          reject(new PrintError('FAILED', 'El servicio de impresión no respondió a tiempo.', `${command} timed out`));
          return;
        }
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }
}
