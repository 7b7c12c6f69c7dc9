/**
 * One way to print, whatever the platform: CUPS on Linux and macOS, a Windows adapter elsewhere.
 * Screens, the CLI and batch printing only see this port.
 */
export interface PrinterInfo {
  name: string;
  isDefault: boolean;
  /** As the OS reports it: idle, printing, disabled… */
  state: 'lista' | 'imprimiendo' | 'detenida' | 'desconocido';
}

export interface PrintOptions {
  /** Printer name; the system default when left out. */
  printer?: string;
  copies: number;
  duplex: 'una-cara' | 'doble-cara';
  /** "1-3,5" — pages as printed on the document, 1-based. */
  pages?: string;
  /** Shown in the printer's queue. */
  title: string;
}

export interface PrintReceipt {
  printer: string;
  jobId: string;
}

export interface PrinterPort {
  readonly kind: string;
  list(): Promise<PrinterInfo[]>;
  print(file: string, options: PrintOptions): Promise<PrintReceipt>;
  /**
   * The job whose title ends with `key`, if the printing system ever received it (null when it
   * did not); throws when it cannot be asked. Absent where the system keeps no such history.
   */
  findJob?(key: string): Promise<PrintReceipt | null>;
}

export type PrintFailure = 'NO_SERVICE' | 'NO_PRINTER' | 'NO_DEFAULT' | 'BAD_INPUT' | 'FAILED';

/** Carries a Spanish message for screens and an English one for the command line. */
export class PrintError extends Error {
  constructor(
    readonly failure: PrintFailure,
    readonly spanish: string,
    readonly english: string,
  ) {
    super(spanish);
    this.name = 'PrintError';
  }
}
