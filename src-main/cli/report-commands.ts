import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../services/data-dir.js';
import { exportProgress } from '../services/reports/export.js';
import { generateInforme, generatePrograma } from '../services/reports/reports.js';
import { Store } from '../services/store/store.js';
import { UsageError, type Io } from './sign-commands.js';

export const REPORT_USAGE = `  report informe --data-dir D --commission CMI --year 2023 --period 1|2|3 --out F.pdf
                          the four-month report (informe cuatrimestral) as PDF
  report programa --data-dir D --commission CVSPE --year 2020 --out F.pdf
                          the annual work programme with its session calendar as PDF
  progress export --data-dir D --commission CMI --year 2023 --format csv|xlsx --out F
           [--table avance|cronograma]
                          the progress table (XLSX: and the cronograma) for spreadsheets`;

const SPEC = {
  'data-dir': { type: 'string' },
  commission: { type: 'string' },
  year: { type: 'string' },
  period: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  table: { type: 'string' },
} as const;

type Flags = { [K in keyof typeof SPEC]?: string };

function flags(argv: string[], allowed: (keyof typeof SPEC)[]): Flags {
  let values: Flags;
  try {
    values = parseArgs({ args: argv, options: SPEC, strict: true }).values as Flags;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key as keyof typeof SPEC)) throw new UsageError(`--${key} does not apply to this command`);
  }
  return values;
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
}

function integer(value: string | undefined, flag: string, min: number, max: number): number {
  const text = need(value, flag);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return Number(text);
}

/** Opens an existing data folder only: a typo in --data-dir must not create an empty one. */
async function withExistingStore<T>(dataDirFlag: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const dir = resolveDataDir(dataDirFlag, process.env);
  if (!existsSync(join(dir, 'meta.json'))) throw new Error(`no Sesiona data folder at ${dir}`);
  const store = await Store.open(dir);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function commissionOrFail(store: Store, ref: string): void {
  const found = store.all('commissions').some((c) => c.id === ref || c.acronym === ref.toUpperCase());
  if (!found) {
    const known = store
      .all('commissions')
      .map((c) => c.acronym)
      .sort()
      .join(', ');
    throw new Error(`unknown commission "${ref}" (known: ${known || 'none'})`);
  }
}

/** Writes the whole file or nothing: a temp file in the same folder, renamed into place. */
async function writeOut(path: string, bytes: Uint8Array): Promise<void> {
  const target = resolve(path);
  if (!existsSync(dirname(target))) throw new Error(`the folder of --out does not exist: ${dirname(target)}`);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

async function reportCommand(argv: string[], io: Io): Promise<void> {
  const [kind, ...rest] = argv;
  if (kind === 'informe') {
    const f = flags(rest, ['data-dir', 'commission', 'year', 'period', 'out']);
    const commission = need(f.commission, '--commission');
    const year = integer(f.year, '--year', 1990, 2100);
    const period = integer(f.period, '--period', 1, 3);
    const out = need(f.out, '--out');
    await withExistingStore(f['data-dir'], async (store) => {
      commissionOrFail(store, commission);
      const c = store.all('commissions').find((x) => x.id === commission || x.acronym === commission.toUpperCase())!;
      if (!store.all('activities').some((a) => a.commissionId === c.id && a.year === year) && !store.all('sessions').some((s) => s.commissionId === c.id && s.year === year)) {
        throw new Error(`${c.acronym} has no sessions or activities in ${year}`);
      }
      const report = await generateInforme(store, { commission, year, period });
      await writeOut(out, report.pdf);
      io.err(`wrote ${out}: informe ${c.acronym} ${year} period ${period}, ${report.pages} pages`);
    });
    return;
  }
  if (kind === 'programa') {
    const f = flags(rest, ['data-dir', 'commission', 'year', 'out']);
    const commission = need(f.commission, '--commission');
    const year = integer(f.year, '--year', 1990, 2100);
    const out = need(f.out, '--out');
    await withExistingStore(f['data-dir'], async (store) => {
      commissionOrFail(store, commission);
      const c = store.all('commissions').find((x) => x.id === commission || x.acronym === commission.toUpperCase())!;
      if (!store.all('programmes').some((p) => p.commissionId === c.id && p.year === year)) {
        throw new Error(`${c.acronym} has no work programme for ${year}`);
      }
      const report = await generatePrograma(store, { commission, year });
      await writeOut(out, report.pdf);
      io.err(`wrote ${out}: programa ${c.acronym} ${year}, ${report.pages} pages`);
    });
    return;
  }
  throw new UsageError('report needs one of: informe, programa');
}

async function progressCommand(argv: string[], io: Io): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'export') throw new UsageError('progress needs: export');
  const f = flags(rest, ['data-dir', 'commission', 'year', 'format', 'out', 'table']);
  const commission = need(f.commission, '--commission');
  const year = integer(f.year, '--year', 1990, 2100);
  const format = need(f.format, '--format');
  if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`--format must be csv or xlsx (got "${format}")`);
  const table = f.table ?? 'avance';
  if (table !== 'avance' && table !== 'cronograma') throw new UsageError(`--table must be avance or cronograma (got "${table}")`);
  const out = need(f.out, '--out');
  await withExistingStore(f['data-dir'], async (store) => {
    commissionOrFail(store, commission);
    const c = store.all('commissions').find((x) => x.id === commission || x.acronym === commission.toUpperCase())!;
    const hasRows =
      table === 'avance'
        ? store.all('activities').some((a) => a.commissionId === c.id && a.year === year)
        : store.all('programmes').some((p) => p.commissionId === c.id && p.year === year && p.sections.some((s) => s.schedule.length));
    if (!hasRows) throw new Error(`${c.acronym} has no ${table === 'avance' ? 'activities' : 'schedule rows'} in ${year}`);
    const { bytes, rows } = await exportProgress(store, { commission, year, format, table });
    await writeOut(out, bytes);
    io.err(`wrote ${out}: ${rows} ${table === 'avance' ? 'activities' : 'schedule rows'} (${format})`);
  });
}

export const reportCommands: Record<string, (argv: string[], io: Io) => Promise<void>> = {
  report: reportCommand,
  progress: progressCommand,
};
