import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import type { RenderedReport } from '../../src-main/services/reports/informe.js';
import { generateInforme, generatePrograma } from '../../src-main/services/reports/reports.js';
import { Store } from '../../src-main/services/store/store.js';
import { pageTexts } from './pdf-text.js';
import { tempDir } from './temp.js';

export interface DemoReport {
  dir: Awaited<ReturnType<typeof tempDir>>;
  store: Store;
  /** The generated PDF, written to disk for poppler's tools. */
  pdfPath: string;
  /** pdftotext of each page, whitespace folded. */
  pages: string[];
  all: string;
  /** Writes another rendering next to the first, for poppler's tools. */
  write(report: { pdf: Uint8Array }, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A demo store and one of its reports as the office generates it: the informe CMI 2023 period 2
 * or the programa CVSPE 2020 (the seeds'), written to a temporary folder with its page texts.
 */
export async function demoReport(kind: 'informe' | 'programa'): Promise<DemoReport> {
  const dir = await tempDir();
  const store = await Store.open(join(dir.path, 'data'));
  await ensureDemo(store, 'sistema');
  const report: RenderedReport =
    kind === 'informe' ? await generateInforme(store, { commission: 'CMI', year: 2023, period: 2 }) : await generatePrograma(store, { commission: 'CVSPE', year: 2020 });
  const write = async (r: { pdf: Uint8Array }, name: string) => {
    const path = join(dir.path, name);
    await writeFile(path, r.pdf);
    return path;
  };
  const pdfPath = await write(report, `${kind}.pdf`);
  const pages = pageTexts(pdfPath);
  return {
    dir,
    store,
    pdfPath,
    pages,
    all: pages.join(' '),
    write,
    close: async () => {
      await store.close();
      await dir.cleanup();
    },
  };
}
