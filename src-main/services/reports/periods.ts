import type { Period } from '../../../src-shared/domain/index.js';

/** Four-month periods: first and last month (1-based) of each. */
export const PERIOD_MONTHS: Record<Period, readonly [number, number]> = { 1: [1, 4], 2: [5, 8], 3: [9, 12] };

/** "PRIMER", "SEGUNDO", "TERCER" as in "SEGUNDO INFORME CUATRIMESTRAL". */
export const PERIOD_ORDINAL: Record<Period, string> = { 1: 'PRIMER', 2: 'SEGUNDO', 3: 'TERCER' };

/** Column headings of the progress tables: "% AVANCE 1er PERIODO". */
export const PERIOD_SHORT: Record<Period, string> = { 1: '1er', 2: '2do', 3: '3er' };

/** "MAYO - AGOSTO" */
export const PERIOD_RANGE: Record<Period, string> = { 1: 'ENERO - ABRIL', 2: 'MAYO - AGOSTO', 3: 'SEPTIEMBRE - DICIEMBRE' };

/** "mayo-agosto", for running text. */
export const PERIOD_RANGE_TEXT: Record<Period, string> = { 1: 'enero-abril', 2: 'mayo-agosto', 3: 'septiembre-diciembre' };

export const PERIODS: readonly Period[] = [1, 2, 3];

export function periodOfMonth(month: number): Period {
  return month <= 4 ? 1 : month <= 8 ? 2 : 3;
}

export function isPeriod(value: number): value is Period {
  return value === 1 || value === 2 || value === 3;
}
