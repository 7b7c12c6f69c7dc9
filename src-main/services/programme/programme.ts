import { AppError } from '../../../src-shared/contract/errors.js';
import { reportsCalls, type ScheduleWarning } from '../../../src-shared/contract/reports.js';
import type { Programme, ProgrammeSection, ScheduleRow } from '../../../src-shared/domain/index.js';
import type { z } from 'zod';
import { defineMutation, type MutationContext } from '../store/store.js';

/** Rows whose months do not add up to their total: a warning, never a refusal (the seed has such rows). */
export function scheduleWarnings(programme: Programme): ScheduleWarning[] {
  const out: ScheduleWarning[] = [];
  for (const section of programme.sections) {
    for (const row of section.schedule) {
      const monthsSum = row.months.reduce((s, v) => s + v, 0);
      if (monthsSum !== row.physicalQuantity) {
        out.push({
          sectionNumber: section.number,
          rowId: row.id,
          lineOfAction: row.lineOfAction,
          total: row.physicalQuantity,
          monthsSum,
          message: `En ${section.number}, «${row.lineOfAction.slice(0, 60)}»: los meses suman ${monthsSum} y la cuantificación física es ${row.physicalQuantity}.`,
        });
      }
    }
  }
  return out;
}

function getProgramme(ctx: MutationContext, id: string): Programme {
  const programme = ctx.get('programmes', id);
  if (!programme) throw new AppError('NOT_FOUND', 'El programa de trabajo solicitado no existe.');
  return programme;
}

function sectionIndex(programme: Programme, sectionId: string): number {
  const i = programme.sections.findIndex((s) => s.id === sectionId);
  if (i < 0) throw new AppError('NOT_FOUND', 'El apartado solicitado no existe en este programa.');
  return i;
}

function rowIndex(section: ProgrammeSection, rowId: string): number {
  const i = section.schedule.findIndex((r) => r.id === rowId);
  if (i < 0) throw new AppError('NOT_FOUND', 'La fila del cronograma no existe en este apartado.');
  return i;
}

/** The programme saved whole: every change here rewrites its one record, and answers with it. */
function saved(record: Omit<Programme, 'hlc'>) {
  return { puts: [{ collection: 'programmes' as const, record }], result: (stamped: { record: unknown }[]) => stamped[0]!.record as Programme };
}

type RowArgs = { programmeId: string; sectionId: string };

/**
 * A change to one section's cronograma: finds the programme and the section (a Spanish
 * NOT_FOUND otherwise), lets `change` compute the new rows, and saves the programme.
 */
function scheduleChange<S extends z.ZodType<RowArgs>>(
  name: string,
  args: S,
  change: (section: ProgrammeSection, args: z.output<S>, ctx: MutationContext) => ScheduleRow[],
) {
  return defineMutation({
    name,
    args,
    apply(ctx, a) {
      const programme = getProgramme(ctx, a.programmeId);
      const i = sectionIndex(programme, a.sectionId);
      const schedule = change(programme.sections[i]!, a, ctx);
      return saved({ ...programme, sections: programme.sections.map((s, j) => (j === i ? { ...s, schedule } : s)) });
    },
  });
}

export const createProgramme = defineMutation({
  name: 'programme.create',
  args: reportsCalls['programmes.create'].args,
  apply(ctx, args) {
    if (!ctx.get('commissions', args.commissionId)) throw new AppError('NOT_FOUND', 'La comisión indicada no existe.');
    if (ctx.all('programmes').some((p) => p.commissionId === args.commissionId && p.year === args.year)) {
      throw new AppError('CONFLICT', `La comisión ya tiene un programa anual de trabajo ${args.year}.`);
    }
    return saved({
      id: ctx.newId(),
      commissionId: args.commissionId,
      year: args.year,
      title: args.title ?? `Programa Anual de Trabajo ${args.year}`,
      presentation: '',
      legalFramework: [],
      sections: [],
      approval: '',
    });
  },
});

export const updateProgramme = defineMutation({
  name: 'programme.update',
  args: reportsCalls['programmes.update'].args,
  apply(ctx, { id, ...changes }) {
    const programme = getProgramme(ctx, id);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    return saved({ ...programme, ...defined });
  },
});

/** Section numbers in reading order: 3 < 4 < 4.1 < 4.2 < 4.10 < 5. */
function byNumber(a: ProgrammeSection, b: ProgrammeSection): number {
  const x = a.number.split('.').map(Number);
  const y = b.number.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/**
 * Adds a section, or replaces the fields of an existing one (its schedule is kept). Sections stay
 * in the order of their numbers, so renumbering one is how it is moved.
 */
export const saveSection = defineMutation({
  name: 'programme.saveSection',
  args: reportsCalls['programmes.saveSection'].args,
  apply(ctx, args) {
    const programme = getProgramme(ctx, args.programmeId);
    const clash = programme.sections.find((s) => s.number === args.section.number && s.id !== args.sectionId);
    if (clash) throw new AppError('CONFLICT', `Ya existe el apartado ${args.section.number}.`);
    let sections: ProgrammeSection[];
    if (args.sectionId) {
      const i = sectionIndex(programme, args.sectionId);
      sections = programme.sections.map((s, j) => (j === i ? { ...s, ...args.section } : s));
    } else {
      sections = [...programme.sections, { id: ctx.newId(), ...args.section, schedule: [] }];
    }
    return saved({ ...programme, sections: [...sections].sort(byNumber) });
  },
});

export const addScheduleRow = scheduleChange('programme.addRow', reportsCalls['programmes.addRow'].args, (section, args, ctx) => {
  const schedule = [...section.schedule];
  if (schedule.length >= 1000) throw new AppError('INVALID_ARGUMENT', 'Un cronograma admite hasta 1,000 filas.');
  schedule.splice(args.index ?? schedule.length, 0, { id: ctx.newId(), ...args.row });
  return schedule;
});

export const updateScheduleRow = scheduleChange('programme.updateRow', reportsCalls['programmes.updateRow'].args, (section, args) => {
  const r = rowIndex(section, args.rowId);
  return section.schedule.map((row, j) => (j === r ? { id: row.id, ...args.row } : row));
});

export const moveScheduleRow = scheduleChange('programme.moveRow', reportsCalls['programmes.moveRow'].args, (section, args) => {
  const schedule = [...section.schedule];
  const from = rowIndex(section, args.rowId);
  if (args.toIndex >= schedule.length) throw new AppError('INVALID_ARGUMENT', `La posición debe estar entre 0 y ${schedule.length - 1}.`);
  const [row] = schedule.splice(from, 1);
  schedule.splice(args.toIndex, 0, row!);
  return schedule;
});

export const removeScheduleRow = scheduleChange('programme.removeRow', reportsCalls['programmes.removeRow'].args, (section, args) => {
  rowIndex(section, args.rowId);
  return section.schedule.filter((r) => r.id !== args.rowId);
});

/**
 * Starts next year's programme from last year's: same sections, objectives, legal basis and
 * schedule rows (new ids), the year in the title updated; approval and signatures left blank.
 */
export const copyProgramme = defineMutation({
  name: 'programme.copy',
  args: reportsCalls['programmes.copy'].args,
  apply(ctx, args) {
    const source = ctx.all('programmes').find((p) => p.commissionId === args.commissionId && p.year === args.fromYear);
    if (!source) throw new AppError('NOT_FOUND', `La comisión no tiene programa ${args.fromYear} que copiar.`);
    if (ctx.all('programmes').some((p) => p.commissionId === args.commissionId && p.year === args.toYear)) {
      throw new AppError('CONFLICT', `La comisión ya tiene un programa anual de trabajo ${args.toYear}.`);
    }
    const record = {
      ...source,
      id: ctx.newId(),
      year: args.toYear,
      title: source.title.replaceAll(String(args.fromYear), String(args.toYear)),
      approval: '',
      signers: [],
      sections: source.sections.map((s) => ({ ...s, id: ctx.newId(), schedule: s.schedule.map((r) => ({ ...r, id: ctx.newId() })) })),
    };
    const { hlc: _hlc, ...withoutHlc } = record;
    return saved(withoutHlc);
  },
});
