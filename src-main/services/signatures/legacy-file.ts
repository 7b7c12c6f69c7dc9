import { AppError } from '../../../src-shared/contract/errors.js';

export interface LegacyRow {
  row: number;
  personName: string;
  base30: string;
}

const NAME_COLUMNS = ['nombre', 'persona', 'name', 'person'];
const DATA_COLUMNS = ['firma', 'base30', 'signature', 'data'];

/**
 * Reads an export of the earlier system: CSV with a header naming the person and signature
 * columns, or JSON (an array of objects with the same names). Row numbers are as a person sees
 * them in a spreadsheet (header = 1).
 */
export function parseLegacyFile(content: string, format: 'csv' | 'json'): LegacyRow[] {
  if (content.length === 0) throw new AppError('INVALID_ARGUMENT', 'El archivo está vacío.');
  return format === 'json' ? fromJson(content) : fromCsv(content);
}

function pick(record: Record<string, unknown>, names: string[]): string {
  for (const [k, v] of Object.entries(record)) if (names.includes(k.trim().toLowerCase()) && typeof v === 'string') return v;
  return '';
}

function fromJson(content: string): LegacyRow[] {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'El archivo JSON no es válido.');
  }
  if (!Array.isArray(value)) throw new AppError('INVALID_ARGUMENT', 'El archivo JSON debe contener una lista de firmas.');
  return value.map((item, i) => {
    const rec = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    return { row: i + 1, personName: pick(rec, NAME_COLUMNS), base30: pick(rec, DATA_COLUMNS) };
  });
}

/** RFC 4180 CSV: quoted fields, doubled quotes, commas or semicolons (spreadsheets in es-MX use both). */
export function parseCsv(content: string): string[][] {
  const text = content.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new AppError('INVALID_ARGUMENT', 'El archivo CSV tiene comillas sin cerrar.');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

function fromCsv(content: string): LegacyRow[] {
  const [header, ...rows] = parseCsv(content);
  if (!header) throw new AppError('INVALID_ARGUMENT', 'El archivo CSV no tiene encabezado.');
  const cols = header.map((h) => h.trim().toLowerCase());
  const nameCol = cols.findIndex((c) => NAME_COLUMNS.includes(c));
  const dataCol = cols.findIndex((c) => DATA_COLUMNS.includes(c));
  if (nameCol < 0 || dataCol < 0) {
    throw new AppError('INVALID_ARGUMENT', 'El CSV debe tener una columna «nombre» y una columna «firma» (o «base30»).');
  }
  return rows.map((r, i) => ({ row: i + 2, personName: r[nameCol] ?? '', base30: r[dataCol] ?? '' }));
}
