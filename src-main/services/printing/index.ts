import { CupsPrinters, type CupsOptions } from './cups.js';
import type { PrinterPort } from './port.js';
import { WindowsPrinters } from './windows.js';

export { checkPdf, checkPrintOptions, MAX_COPIES } from './options.js';
export { PrintError, type PrinterInfo, type PrinterPort, type PrintOptions, type PrintReceipt } from './port.js';
export { CupsPrinters, WindowsPrinters };

/** The adapter for this operating system. */
export function systemPrinters(platform: NodeJS.Platform = process.platform, cups: CupsOptions = {}): PrinterPort {
  return platform === 'win32' ? new WindowsPrinters() : new CupsPrinters(cups);
}
