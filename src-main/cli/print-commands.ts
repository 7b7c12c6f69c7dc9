/**
 * `sesiona printers [--json]` and `sesiona print FILE.pdf [--printer NAME] [--copies N]
 * [--duplex] [--pages R] [--title T]`. Exit codes: 0 printed, 1 the printer or CUPS failed,
 * 2 bad usage or a file that is not a PDF.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPdf, checkPrintOptions, PrintError, systemPrinters, type PrinterPort } from '../services/printing/index.js';
import { ExitCode, UsageError } from './sign-commands.js';

export interface PrintIo {
  out(text: string): void;
  err(text: string): void;
}

export const PRINT_USAGE = `  printers [--json]       list the printers this computer can print to (CUPS on Linux and macOS)
  print FILE.pdf [--printer NAME] [--copies N] [--duplex] [--pages 1-3,5] [--title T]
                          print a PDF on Letter paper; the default printer when --printer is left out`;

function englishError(e: unknown): never {
  if (e instanceof PrintError) throw new ExitCode(e.failure === 'BAD_INPUT' ? 2 : 1, e.english);
  throw e;
}

export async function printersCommand(argv: string[], io: PrintIo, port: PrinterPort = systemPrinters()): Promise<void> {
  let json = false;
  try {
    json = Boolean(parseArgs({ args: argv, options: { json: { type: 'boolean' } }, strict: true }).values.json);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const printers = await port.list().catch(englishError);
  if (json) {
    io.out(JSON.stringify(printers, null, 2));
    return;
  }
  if (!printers.length) {
    io.err('no printers are installed');
    return;
  }
  for (const p of printers) io.out(`${p.isDefault ? '*' : ' '} ${p.name}\t${p.state}`);
}

export async function printCommand(argv: string[], io: PrintIo, port: PrinterPort = systemPrinters()): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        printer: { type: 'string' },
        copies: { type: 'string' },
        duplex: { type: 'boolean' },
        pages: { type: 'string' },
        title: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) throw new UsageError('print needs exactly one PDF file');
  const f = parsed.values;
  const copies = f.copies === undefined ? 1 : /^\d+$/.test(f.copies) ? Number(f.copies) : Number.NaN;
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  try {
    checkPdf(bytes, file);
    const options = checkPrintOptions({
      copies,
      duplex: f.duplex ? 'doble-cara' : 'una-cara',
      title: f.title ?? basename(file),
      ...(f.printer !== undefined ? { printer: f.printer } : {}),
      ...(f.pages !== undefined ? { pages: f.pages } : {}),
    }, port.kind);
    const receipt = await port.print(file, options);
    io.err(`sent ${copies} ${copies === 1 ? 'copy' : 'copies'} of ${basename(file)} to ${receipt.printer} (job ${receipt.jobId})`);
  } catch (e) {
    englishError(e);
  }
}
