import { contract } from '../../../src-shared/contract/calls.js';
import type { Commission, InstituteSettings, SessionCalendar } from '../../../src-shared/domain/index.js';
import { monthName } from '../../../src-shared/format.js';
import { inspectImage } from '../activities/images.js';
import { refuse } from '../sessions/errors.js';
import { windowLabel } from '../sessions/rules.js';
import { defineMutation, type Store } from '../store/store.js';
import { instituteSettings } from './institute.js';

export const saveCommission = defineMutation({
  name: 'commission.save',
  args: contract['commissions.save'].args,
  apply(ctx, args) {
    const commission = ctx.get('commissions', args.id);
    if (!commission) return refuse('NOT_FOUND', 'La comisión indicada no existe.', 'no such commission');
    const presidencies = args.members.filter((m) => m.role === 'presidencia' && !m.to).length;
    if (presidencies > 1) refuse('INVALID_ARGUMENT', 'Una comisión tiene una sola Presidencia vigente.', 'a commission has one current presidency');
    for (const m of args.members) {
      if (m.from && m.to && m.to < m.from) refuse('INVALID_ARGUMENT', `El periodo de ${m.name} termina antes de empezar.`, `${m.name}'s period ends before it starts`);
    }
    // Members keep their id, so attendance, votes and signing boxes keep pointing at them.
    const members = args.members.map((m) => ({ ...m, id: m.id ?? ctx.newId() }));
    const record: Commission = { ...commission, members, glossary: args.glossary, legalBasis: args.legalBasis };
    return { puts: [{ collection: 'commissions', record }], result: (s) => s[0]!.record as unknown as Commission };
  },
});

const saveInstituteMutation = defineMutation({
  name: 'institute.save',
  args: contract['institute.save'].args.omit({ logo: true }).extend({ logoSha: contract['institute.save'].args.shape.name.optional() }),
  apply(ctx, args) {
    const current = ctx.all('institute')[0];
    const { logoSha, ...rest } = args;
    const logo = logoSha ?? current?.logo;
    const record = { id: current?.id ?? ctx.newId(), ...rest, ...(logo ? { logo } : {}) };
    return { puts: [{ collection: 'institute', record }], result: (s) => s[0]!.record as unknown as InstituteSettings };
  },
});

const MAX_LOGO_SIDE = 2000;

export async function saveInstitute(store: Store, raw: unknown, actor: string): Promise<InstituteSettings> {
  const args = contract['institute.save'].args.parse(raw);
  let logoSha: string | undefined;
  if (args.logo) {
    const bytes = Buffer.from(args.logo, 'base64');
    // Checked whole before pdf-lib sees it: its PNG decoder never returns on some truncated files.
    const { width, height } = await inspectImage(bytes).catch((e: unknown) =>
      refuse('INVALID_ARGUMENT', `No se guardó el logotipo. ${e instanceof Error ? e.message : 'No es una imagen PNG o JPEG válida.'}`, 'the logo must be a complete PNG or JPEG image'),
    );
    // Every convocatoria and acta decodes it again; printed 46 pt wide, 2000 px is far more than enough.
    if (width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE) {
      refuse(
        'INVALID_ARGUMENT',
        `No se guardó el logotipo: mide ${width} × ${height} píxeles; use uno de hasta ${MAX_LOGO_SIDE} × ${MAX_LOGO_SIDE}.`,
        `the logo is ${width}x${height} pixels; at most ${MAX_LOGO_SIDE}x${MAX_LOGO_SIDE} is accepted`,
      );
    }
    logoSha = await store.blobs.put(bytes);
  }
  const { logo: _logo, ...rest } = args;
  return store.mutate(saveInstituteMutation, { ...rest, ...(logoSha ? { logoSha } : {}) }, actor);
}

export const saveCalendar = defineMutation({
  name: 'calendar.save',
  args: contract['calendars.save'].args,
  apply(ctx, args) {
    if (!ctx.get('commissions', args.commissionId)) refuse('NOT_FOUND', 'La comisión indicada no existe.', 'no such commission');
    const months = new Set<number>();
    const entries = [...args.entries]
      .sort((a, b) => a.month - b.month)
      .map((e) => {
        const label = monthName(e.month);
        if (months.has(e.month)) refuse('INVALID_ARGUMENT', `El mes de ${label} aparece dos veces.`, `month ${e.month} appears twice`);
        months.add(e.month);
        const inMonth = (d: string) => Number(d.slice(0, 4)) === args.year && Number(d.slice(5, 7)) === e.month;
        if (!inMonth(e.from) || !inMonth(e.to)) {
          refuse('INVALID_ARGUMENT', `Las fechas de ${label} deben caer en ${label} de ${args.year}.`, `the window for month ${e.month} must fall within that month of ${args.year}`);
        }
        if (e.to < e.from) refuse('INVALID_ARGUMENT', `El periodo de ${label} termina antes de empezar.`, `the window for month ${e.month} ends before it starts`);
        return { ...e, label: windowLabel(e.from, e.to) };
      });
    const current = ctx.all('calendars').find((c) => c.commissionId === args.commissionId && c.year === args.year);
    const record: Omit<SessionCalendar, 'hlc'> = current
      ? { ...current, entries }
      : { id: ctx.newId(), commissionId: args.commissionId, year: args.year, title: `Calendario de Sesiones Ordinarias ${args.year}`, entries, note: '' };
    return { puts: [{ collection: 'calendars', record }], result: (s) => s[0]!.record as unknown as SessionCalendar };
  },
});

export { instituteSettings };
