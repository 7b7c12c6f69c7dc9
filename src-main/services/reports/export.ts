import ExcelJS from 'exceljs';
import { AppError } from '../../../src-shared/contract/errors.js';
import { parseArgs } from '../../../src-shared/contract/parse.js';
import { ExportArgs } from '../../../src-shared/contract/reports.js';
import type { Activity, ActivityKind, Programme } from '../../../src-shared/domain/index.js';
import { MONTH_ABBR } from '../../../src-shared/format.js';
import { listActivities } from '../activities/activities.js';
import { activityFlags } from '../activities/flags.js';
import type { Store } from '../store/store.js';
import { findCommission } from './reports.js';

const KIND_LABEL: Record<ActivityKind, string> = {
  ordinaria: 'Ordinaria',
  especifica: 'Específica',
  proceso_electoral: 'Proceso electoral',
};

const PROGRESS_HEADER = [
  'Tipo',
  'CVO.',
  'Actividad',
  '% avance 1er periodo',
  '% avance 2do periodo',
  '% avance 3er periodo',
  'Sin avance',
  'Atrasada',
  'Narrativa 1er periodo',
  'Narrativa 2do periodo',
  'Narrativa 3er periodo',
];

const SCHEDULE_HEADER = ['Apartado', 'Línea de acción', 'Unidad de medida', 'Meta', 'Cuantificación física', ...MONTH_ABBR, 'Suma de meses'];

type Cell = string | number | null;

function progressRows(activities: Activity[], programmes: Programme[], today: Date): Cell[][] {
  return activities.map((a) => {
    const at = (p: number) => a.progress.find((x) => x.period === p);
    const flags = activityFlags(a, programmes, today);
    return [
      KIND_LABEL[a.kind],
      a.number,
      a.title,
      at(1)?.percent ?? null,
      at(2)?.percent ?? null,
      at(3)?.percent ?? null,
      flags.stalled.length ? `Periodo ${flags.stalled.join(', ')}` : '',
      flags.behindSchedule ? `Meses ${flags.overdueMonths.join(', ')}` : '',
      at(1)?.narrative ?? '',
      at(2)?.narrative ?? '',
      at(3)?.narrative ?? '',
    ];
  });
}

function scheduleRows(programme: Programme): Cell[][] {
  return programme.sections.flatMap((s) =>
    s.schedule.map((r) => [s.number, r.lineOfAction, r.unit, r.goal, r.physicalQuantity, ...r.months, r.months.reduce((x, y) => x + y, 0)]),
  );
}

/**
 * Spreadsheet programs run cells starting with = + - @ as formulas; such text is prefixed
 * with an apostrophe so a narrative can never become a formula.
 */
function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][]): Uint8Array {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  // BOM: Excel reads UTF-8 (accents) only with it.
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

async function toXlsx(sheets: { name: string; header: string[]; rows: Cell[][]; widths: number[] }[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sesiona';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(s.header).font = { bold: true };
    for (const row of s.rows) ws.addRow(row);
    s.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    ws.eachRow((row, n) => {
      if (n > 1) row.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The progress table (and, in XLSX, the cronograma) of a commission and year, for spreadsheets. */
export async function exportProgress(store: Store, rawArgs: unknown, today = new Date()): Promise<{ bytes: Uint8Array; rows: number }> {
  const args = parseArgs(ExportArgs, rawArgs);
  const commission = findCommission(store, args.commission);
  const activities = listActivities(store, { commissionId: commission.id, year: args.year });
  const programmes = store.all('programmes').filter((p) => p.commissionId === commission.id && p.year === args.year);
  const progress = progressRows(activities, programmes, today);
  const schedule = programmes.flatMap(scheduleRows);
  if (args.table === 'avance' && !progress.length) {
    throw new AppError('NOT_FOUND', `La ${commission.name} no tiene actividades registradas en ${args.year}.`);
  }
  if (args.table === 'cronograma' && !schedule.length) {
    throw new AppError('NOT_FOUND', `La ${commission.name} no tiene cronograma ${args.year}.`);
  }
  if (args.format === 'csv') {
    return args.table === 'avance'
      ? { bytes: toCsv(PROGRESS_HEADER, progress), rows: progress.length }
      : { bytes: toCsv(SCHEDULE_HEADER, schedule), rows: schedule.length };
  }
  const sheets = [];
  if (progress.length) sheets.push({ name: 'Avance', header: PROGRESS_HEADER, rows: progress, widths: [16, 6, 60, 12, 12, 12, 12, 14, 50, 50, 50] });
  if (schedule.length) sheets.push({ name: 'Cronograma', header: SCHEDULE_HEADER, rows: schedule, widths: [9, 50, 16, 40, 12, ...MONTH_ABBR.map(() => 6), 10] });
  return { bytes: await toXlsx(sheets), rows: args.table === 'avance' ? progress.length : schedule.length };
}
