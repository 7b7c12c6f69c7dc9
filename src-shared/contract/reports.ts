import { z } from 'zod';
import { Activity, FourMonthReport, Id, Period, Programme, SpecificObjective } from '../domain/index.js';
import type { DocumentSummary } from './documents.js';
import { call } from './spec.js';

const YearArg = z.number().int('El año debe ser un número entero').min(1990, 'Año fuera de rango').max(2100, 'Año fuera de rango');
const CommissionRef = z.string().trim().min(1, 'Indique la comisión').max(40);
const Text = (label: string, max = 4000) => z.string().trim().min(1, `${label} no puede quedar vacío`).max(max, `${label} es demasiado largo`);

export const InformeArgs = z
  .object({
    commission: CommissionRef,
    year: YearArg,
    period: z.number().refine((n) => n === 1 || n === 2 || n === 3, 'El periodo debe ser 1 (ene–abr), 2 (may–ago) o 3 (sep–dic)'),
  })
  .strict();

export const ProgramaArgs = z.object({ commission: CommissionRef, year: YearArg }).strict();

export const ExportArgs = z
  .object({
    commission: CommissionRef,
    year: YearArg,
    format: z.enum(['csv', 'xlsx'], { message: 'El formato debe ser csv o xlsx' }),
    table: z.enum(['avance', 'cronograma'], { message: 'La tabla debe ser avance o cronograma' }).default('avance'),
  })
  .strict();

/** A schedule row as entered: months may not be negative; their sum is only checked as a warning. */
export const ScheduleRowInput = z
  .object({
    lineOfAction: Text('La línea de acción'),
    unit: Text('La unidad de medida', 200),
    goal: Text('La meta'),
    physicalQuantity: z.number().int('La cuantificación física debe ser un número entero').min(0, 'La cuantificación física no puede ser negativa'),
    months: z
      .array(z.number().int('Los valores mensuales deben ser números enteros').min(0, 'Un mes no puede tener un valor negativo').max(100000))
      .length(12, 'Se esperan 12 meses (Ene…Dic)'),
  })
  .strict();

export const SectionInput = z
  .object({
    number: z.string().regex(/^\d+(\.\d+)*$/, 'Número de apartado inválido (p. ej. 3, 4.1)'),
    title: Text('El título'),
    parentTitle: z.string().max(1000).default(''),
    generalObjective: z.string().max(8000).default(''),
    specificObjectives: z.array(SpecificObjective).max(26).default([]),
    legalBasis: z.array(z.string().min(1)).max(100).default([]),
  })
  .strict();

/** Evidence images arrive as base64; 20 MB of image is at most this many characters. */
const ImageBase64 = z
  .string()
  .min(4, 'El archivo está vacío.')
  .max(Math.ceil((20 * 1024 * 1024) / 3) * 4, 'La imagen supera el tamaño máximo de 20 MB.')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'El archivo no se recibió completo (base64 inválido).');

export interface ScheduleWarning {
  sectionNumber: string;
  rowId: string;
  lineOfAction: string;
  total: number;
  monthsSum: number;
  message: string;
}

export interface ActivityBoardRow {
  activity: z.infer<typeof Activity>;
  stalled: z.infer<typeof Period>[];
  overdueMonths: number[];
  behindSchedule: boolean;
}

export interface ProgressBoard {
  activities: ActivityBoardRow[];
  /** Mean percentage of the commission's activities per period; null where nothing is reported. */
  overall: Record<1 | 2 | 3, number | null>;
}

export interface GeneratedFile {
  fileName: string;
  base64: string;
  pages?: number;
}

/** Annual programmes, four-month progress and the reports built from them. */
export const reportsCalls = {
  'programmes.create': call<z.infer<typeof Programme>>()(
    z.object({ commissionId: Id, year: YearArg, title: Text('El título', 300).optional() }).strict(),
    true,
  ),
  'programmes.update': call<z.infer<typeof Programme>>()(
    z
      .object({
        id: Id,
        title: Text('El título', 300).optional(),
        presentation: z.string().max(40000).optional(),
        legalFramework: z.array(z.string().trim().min(1)).max(100).optional(),
        approval: z.string().max(4000).optional(),
      })
      .strict(),
    true,
  ),
  'programmes.saveSection': call<z.infer<typeof Programme>>()(
    z.object({ programmeId: Id, sectionId: Id.optional(), section: SectionInput }).strict(),
    true,
  ),
  'programmes.addRow': call<z.infer<typeof Programme>>()(
    z.object({ programmeId: Id, sectionId: Id, row: ScheduleRowInput, index: z.number().int().min(0).optional() }).strict(),
    true,
  ),
  'programmes.updateRow': call<z.infer<typeof Programme>>()(
    z.object({ programmeId: Id, sectionId: Id, rowId: Id, row: ScheduleRowInput }).strict(),
    true,
  ),
  'programmes.moveRow': call<z.infer<typeof Programme>>()(
    z.object({ programmeId: Id, sectionId: Id, rowId: Id, toIndex: z.number().int().min(0) }).strict(),
    true,
  ),
  'programmes.removeRow': call<z.infer<typeof Programme>>()(z.object({ programmeId: Id, sectionId: Id, rowId: Id }).strict(), true),
  'programmes.copy': call<z.infer<typeof Programme>>()(z.object({ commissionId: Id, fromYear: YearArg, toYear: YearArg }).strict(), true),
  'programmes.warnings': call<ScheduleWarning[]>()(z.object({ id: Id }).strict()),
  'progress.board': call<ProgressBoard>()(z.object({ commissionId: Id, year: YearArg, today: z.string().date().optional() }).strict()),
  'progress.addEvidence': call<z.infer<typeof Activity>>()(
    z.object({ id: Id, period: Period, caption: z.string().max(500, 'El pie de imagen admite hasta 500 caracteres').default(''), image: ImageBase64 }).strict(),
    true,
  ),
  'progress.removeEvidence': call<z.infer<typeof Activity>>()(
    z.object({ id: Id, period: Period, sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    true,
  ),
  'progress.linkRows': call<z.infer<typeof Activity>>()(z.object({ id: Id, rowIds: z.array(Id).max(200) }).strict(), true),
  'progress.export': call<GeneratedFile>()(ExportArgs),
  'reports.get': call<{ report: z.infer<typeof FourMonthReport> | null }>()(z.object({ commissionId: Id, year: YearArg, period: Period }).strict()),
  'reports.save': call<z.infer<typeof FourMonthReport>>()(
    FourMonthReport.omit({ id: true, hlc: true }).partial({ presentation: true, progressIntro: true }).strict(),
    true,
  ),
  'reports.informe': call<GeneratedFile>()(InformeArgs),
  'reports.programa': call<GeneratedFile>()(ProgramaArgs),
  'reports.createDocument': call<DocumentSummary>()(
    z.discriminatedUnion('kind', [InformeArgs.extend({ kind: z.literal('informe') }).strict(), ProgramaArgs.extend({ kind: z.literal('programa') }).strict()]),
    true,
  ),
};

