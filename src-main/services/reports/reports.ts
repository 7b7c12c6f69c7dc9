import { AppError } from '../../../src-shared/contract/errors.js';
import { parseArgs } from '../../../src-shared/contract/parse.js';
import type { FourMonthReport, Period, Commission } from '../../../src-shared/domain/index.js';
import { InformeArgs, ProgramaArgs, reportsCalls } from '../../../src-shared/contract/reports.js';
import { instituteLetterhead } from '../commissions/institute.js';
import { defineMutation, type Store } from '../store/store.js';
import { renderInforme, type RenderedReport } from './informe.js';
import { renderPrograma } from './programa.js';

/** A commission by id or acronym (CMI, CVSPE…). */
export function findCommission(store: Store, ref: string): Commission {
  const byId = store.get('commissions', ref);
  if (byId) return byId;
  const found = store.all('commissions').find((c) => c.acronym === ref.toUpperCase());
  if (!found) throw new AppError('NOT_FOUND', `No existe la comisión «${ref}».`);
  return found;
}

export function findReport(store: Store, commissionId: string, year: number, period: Period): FourMonthReport | undefined {
  return store.all('reports').find((r) => r.commissionId === commissionId && r.year === year && r.period === period);
}

/** The informe cuatrimestral of a commission, year and period, from what is stored. */
export async function generateInforme(store: Store, rawArgs: unknown): Promise<RenderedReport> {
  const args = parseArgs(InformeArgs, rawArgs);
  const period = args.period as Period;
  const commission = findCommission(store, args.commission);
  const activities = store.all('activities').filter((a) => a.commissionId === commission.id && a.year === args.year);
  const sessions = store.all('sessions').filter((s) => s.commissionId === commission.id);
  if (!activities.length && !sessions.some((s) => s.year === args.year)) {
    throw new AppError('NOT_FOUND', `La ${commission.name} no tiene sesiones ni actividades registradas en ${args.year}.`);
  }
  const images = new Map<string, Uint8Array>();
  for (const a of activities) {
    for (const img of a.progress.find((p) => p.period === period)?.images ?? []) {
      if (!images.has(img.sha256)) images.set(img.sha256, await store.blobs.get(img.sha256));
    }
  }
  return renderInforme({ commission, year: args.year, period, report: findReport(store, commission.id, args.year, period), sessions, activities, images, letterhead: await instituteLetterhead(store) });
}

/** The annual work programme of a commission and year, with its session calendar. */
export async function generatePrograma(store: Store, rawArgs: unknown): Promise<RenderedReport> {
  const args = parseArgs(ProgramaArgs, rawArgs);
  const commission = findCommission(store, args.commission);
  const programme = store.all('programmes').find((p) => p.commissionId === commission.id && p.year === args.year);
  if (!programme) throw new AppError('NOT_FOUND', `La ${commission.name} no tiene programa anual de trabajo ${args.year}.`);
  const calendar = store.all('calendars').find((c) => c.commissionId === commission.id && c.year === args.year);
  return renderPrograma({ commission, programme, calendar, letterhead: await instituteLetterhead(store) });
}

/** Creates or updates the report record (presentation, approval, signers) of a period. */
export const saveReport = defineMutation({
  name: 'report.save',
  args: reportsCalls['reports.save'].args,
  apply(ctx, args) {
    if (!ctx.get('commissions', args.commissionId)) throw new AppError('NOT_FOUND', 'La comisión indicada no existe.');
    const existing = ctx.all('reports').find((r) => r.commissionId === args.commissionId && r.year === args.year && r.period === args.period);
    const record = {
      ...existing,
      ...args,
      id: existing?.id ?? ctx.newId(),
      presentation: args.presentation ?? existing?.presentation ?? '',
      progressIntro: args.progressIntro ?? existing?.progressIntro ?? '',
    };
    return {
      puts: [{ collection: 'reports', record }],
      result: (stamped) => stamped[0]!.record as unknown as FourMonthReport,
    };
  },
});
