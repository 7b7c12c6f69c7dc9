import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { pageTexts } from '../support/pdf-text.js';
import { tempDir } from '../support/temp.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => '' } };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let data: string;

beforeAll(async () => {
  dir = await tempDir();
  data = join(dir.path, 'datos');
  expect(await main(['demo', '--data-dir', data], capture().io)).toBe(0);
});
afterAll(async () => {
  await dir.cleanup();
});

describe('sesiona report and progress commands', () => {
  it('writes the informe of CMI 2023 period 2', async () => {
    const out = join(dir.path, 'informe.pdf');
    const run = capture();
    expect(await main(['report', 'informe', '--data-dir', data, '--commission', 'CMI', '--year', '2023', '--period', '2', '--out', out], run.io)).toBe(0);
    expect(run.err.join('')).toMatch(/wrote .*informe\.pdf: informe CMI 2023 period 2, \d+ pages/);
    const text = pageTexts(out).join(' ');
    expect(text).toContain('SEGUNDO INFORME CUATRIMESTRAL MAYO - AGOSTO 2023');
    expect(text).toContain('IEM-CMI-SEXTU-04/2023');
  });

  it('writes the programa of CVSPE 2020', async () => {
    const out = join(dir.path, 'programa.pdf');
    expect(await main(['report', 'programa', '--data-dir', data, '--commission', 'cvspe', '--year', '2020', '--out', out], capture().io)).toBe(0);
    expect(pageTexts(out).join(' ')).toContain('Calendario de Sesiones Ordinarias');
  });

  it('exports progress as CSV and XLSX', async () => {
    const csv = join(dir.path, 'avance.csv');
    expect(await main(['progress', 'export', '--data-dir', data, '--commission', 'CMI', '--year', '2023', '--format', 'csv', '--out', csv], capture().io)).toBe(0);
    expect((await readFile(csv, 'utf8')).split('\r\n').filter(Boolean)).toHaveLength(15);
    const xlsx = join(dir.path, 'avance.xlsx');
    expect(await main(['progress', 'export', '--data-dir', data, '--commission', 'CMI', '--year', '2023', '--format', 'xlsx', '--out', xlsx], capture().io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.getWorksheet('Avance')!.rowCount).toBe(15);
  });

  it('refuses bad input in English with a non-zero exit and writes nothing', async () => {
    const out = join(dir.path, 'nada.pdf');
    const cases: [string[], number, RegExp][] = [
      [['report', 'informe', '--data-dir', data, '--commission', 'CMI', '--year', '2023', '--period', '4', '--out', out], 2, /--period must be a whole number from 1 to 3/],
      [['report', 'informe', '--data-dir', data, '--commission', 'CMI', '--year', '2023', '--period', '0', '--out', out], 2, /--period/],
      [['report', 'informe', '--data-dir', data, '--commission', 'CMI', '--year', 'dos mil', '--period', '2', '--out', out], 2, /--year must be/],
      [['report', 'informe', '--data-dir', data, '--commission', 'XYZ', '--year', '2023', '--period', '2', '--out', out], 1, /unknown commission "XYZ" \(known: CMI, CVSPE\)/],
      [['report', 'informe', '--data-dir', data, '--commission', 'CMI', '--year', '2019', '--period', '2', '--out', out], 1, /CMI has no sessions or activities in 2019/],
      [['report', 'informe', '--data-dir', data, '--commission', 'CMI', '--year', '2023', '--period', '2'], 2, /missing --out/],
      [['report', 'programa', '--data-dir', data, '--commission', 'CVSPE', '--year', '2021', '--out', out], 1, /CVSPE has no work programme for 2021/],
      [['report', 'programa', '--data-dir', join(dir.path, 'no-existe'), '--commission', 'CVSPE', '--year', '2020', '--out', out], 1, /no Sesiona data folder/],
      [['report', 'programa', '--data-dir', data, '--commission', 'CVSPE', '--year', '2020', '--out', join(dir.path, 'falta', 'p.pdf')], 1, /folder of --out does not exist/],
      [['report', 'acta', '--data-dir', data], 2, /report needs one of: informe, programa/],
      [['progress', 'export', '--data-dir', data, '--commission', 'CMI', '--year', '2023', '--format', 'ods', '--out', out], 2, /--format must be csv or xlsx/],
      [['progress', 'export', '--data-dir', data, '--commission', 'CMI', '--year', '2023', '--format', 'csv', '--period', '2', '--out', out], 2, /--period does not apply/],
      [['progress', 'export', '--data-dir', data, '--commission', 'CMI', '--year', '2023', '--format', 'csv', '--table', 'cronograma', '--out', out], 1, /CMI has no schedule rows in 2023/],
    ];
    await writeFile(out, 'un informe anterior');
    const before = await readdir(dir.path);
    for (const [argv, code, message] of cases) {
      const run = capture();
      expect(await main(argv, run.io), argv.join(' ')).toBe(code);
      expect(run.err.join('\n')).toMatch(message);
      expect(run.err.join('\n')).toMatch(/^error: /);
    }
    expect(await readdir(dir.path)).toEqual(before);
    expect(await readFile(out, 'utf8')).toBe('un informe anterior');
    expect(existsSync(join(dir.path, 'no-existe'))).toBe(false);
  });
});
