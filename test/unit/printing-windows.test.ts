/**
 * The Windows adapter's mapping onto pdf-to-printer, checked with a stand-in for the library
 * (Windows and its printers do not exist on these machines): what is asked of the printer, and
 * the Spanish messages when it cannot print.
 */
import { describe, expect, it } from 'vitest';
import { WindowsPrinters } from '../../src-main/services/printing/index.js';

function fakeLibrary(fail?: string) {
  const jobs: { file: string; options: Record<string, unknown> }[] = [];
  const lib = {
    getPrinters: async () => [
      { deviceId: 'HP', name: 'HP LaserJet Oficialía', paperSizes: ['Letter'] },
      { deviceId: 'PDF', name: 'Microsoft Print to PDF', paperSizes: ['Letter'] },
    ],
    getDefaultPrinter: async () => ({ deviceId: 'HP', name: 'HP LaserJet Oficialía', paperSizes: ['Letter'] }),
    print: async (file: string, options: Record<string, unknown>) => {
      if (fail) throw new Error(fail);
      jobs.push({ file, options });
    },
  };
  return { jobs, port: new WindowsPrinters(async () => lib as never) };
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
    const receipt = await port.print('C:\\acta.pdf', { copies: 3, duplex: 'doble-cara', pages: '1-2', title: 'Acta' });
    expect(receipt.printer).toBe('HP LaserJet Oficialía');
    expect(jobs).toEqual([
      { file: 'C:\\acta.pdf', options: { printer: 'HP LaserJet Oficialía', copies: 3, side: 'duplexlong', paperSize: 'letter', scale: 'noscale', pages: '1-2' } },
    ]);
  });

  it('refuses a printer that does not exist and reports a failed job in Spanish', async () => {
    await expect(fakeLibrary().port.print('a.pdf', { printer: 'Otra', copies: 1, duplex: 'una-cara', title: 't' })).rejects.toThrow(
      'La impresora «Otra» no existe en este equipo.',
    );
    await expect(fakeLibrary('spooler stopped').port.print('a.pdf', { copies: 1, duplex: 'una-cara', title: 't' })).rejects.toThrow(
      'La impresora «HP LaserJet Oficialía» no aceptó el trabajo: spooler stopped',
    );
  });
});
