import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import { addEvidence, linkScheduleRows, listActivities, removeEvidence } from '../activities/activities.js';
import { activityFlags, overallProgress } from '../activities/flags.js';
import type { FeatureHandlers } from '../context.js';
import {
  addScheduleRow,
  copyProgramme,
  createProgramme,
  moveScheduleRow,
  removeScheduleRow,
  saveSection,
  scheduleWarnings,
  updateProgramme,
  updateScheduleRow,
} from '../programme/programme.js';
import { createInformeDocument, createProgramaDocument } from './documents.js';
import { exportProgress } from './export.js';
import { findCommission, findReport, generateInforme, generatePrograma, saveReport } from './reports.js';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export const reportsHandlers = {
  'programmes.create': ({ store, actor }, args) => store.mutate(createProgramme, args, actor),
  'programmes.update': ({ store, actor }, args) => store.mutate(updateProgramme, args, actor),
  'programmes.saveSection': ({ store, actor }, args) => store.mutate(saveSection, args, actor),
  'programmes.addRow': ({ store, actor }, args) => store.mutate(addScheduleRow, args, actor),
  'programmes.updateRow': ({ store, actor }, args) => store.mutate(updateScheduleRow, args, actor),
  'programmes.moveRow': ({ store, actor }, args) => store.mutate(moveScheduleRow, args, actor),
  'programmes.removeRow': ({ store, actor }, args) => store.mutate(removeScheduleRow, args, actor),
  'programmes.copy': ({ store, actor }, args) => store.mutate(copyProgramme, args, actor),
  'programmes.warnings': ({ store }, args) => {
    const programme = store.get('programmes', args.id);
    if (!programme) throw new AppError('NOT_FOUND', 'El programa de trabajo solicitado no existe.');
    return scheduleWarnings(programme);
  },
  'progress.board': ({ store, clock }, args) => {
    const activities = listActivities(store, { commissionId: args.commissionId, year: args.year });
    const programmes = store.all('programmes');
    const today = args.today ? new Date(`${args.today}T00:00:00Z`) : clock.now();
    return {
      activities: activities.map((activity) => ({ activity, ...activityFlags(activity, programmes, today) })),
      overall: overallProgress(activities),
    };
  },
  'progress.addEvidence': ({ store, actor }, { image, ...args }) => addEvidence(store, args, Buffer.from(image, 'base64'), actor),
  'progress.removeEvidence': ({ store, actor }, args) => store.mutate(removeEvidence, args, actor),
  'progress.linkRows': ({ store, actor }, args) => store.mutate(linkScheduleRows, args, actor),
  'progress.export': async ({ store, clock }, args) => {
    const c = findCommission(store, args.commission);
    const { bytes } = await exportProgress(store, args, clock.now());
    return { fileName: `${args.table}-${c.acronym}-${args.year}.${args.format}`, base64: base64(bytes) };
  },
  'reports.get': ({ store }, args) => ({ report: findReport(store, args.commissionId, args.year, args.period) ?? null }),
  'reports.save': ({ store, actor }, args) => store.mutate(saveReport, args, actor),
  'reports.informe': async ({ store }, args) => {
    const c = findCommission(store, args.commission);
    const r = await generateInforme(store, args);
    return { fileName: `informe-${c.acronym}-${args.year}-${args.period}.pdf`, base64: base64(r.pdf), pages: r.pages };
  },
  'reports.programa': async ({ store }, args) => {
    const c = findCommission(store, args.commission);
    const r = await generatePrograma(store, args);
    return { fileName: `programa-${c.acronym}-${args.year}.pdf`, base64: base64(r.pdf), pages: r.pages };
  },
  'reports.createDocument': ({ store, actor, ids }, { kind, ...args }) =>
    kind === 'informe'
      ? createInformeDocument(store, args, actor, () => ids.next())
      : createProgramaDocument(store, args, actor, () => ids.next()),
} satisfies FeatureHandlers<FeatureCalls['reports']>;
