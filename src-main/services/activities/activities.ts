import { z } from 'zod';
import { contract } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import { describeIssues } from '../../../src-shared/contract/parse.js';
import { reportsCalls } from '../../../src-shared/contract/reports.js';
import { EvidenceImage, Id, Period, type Activity, type ActivityKind, type PeriodProgress, type ProgressUpdate } from '../../../src-shared/domain/index.js';
import { defineMutation, type MutationContext, type Store } from '../store/store.js';
import { inspectImage } from './images.js';

const KIND_ORDER: Record<ActivityKind, number> = { ordinaria: 0, especifica: 1, proceso_electoral: 2 };

export function listActivities(store: Store, filter: { commissionId?: string; year?: number }): Activity[] {
  return store
    .all('activities')
    .filter((a) => (!filter.commissionId || a.commissionId === filter.commissionId) && (!filter.year || a.year === filter.year))
    .sort((a, b) => b.year - a.year || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.number - b.number);
}

function getActivity(ctx: MutationContext, id: string): Activity {
  const activity = ctx.get('activities', id);
  if (!activity) throw new AppError('NOT_FOUND', 'La actividad solicitada no existe.');
  return activity;
}

function withPeriod(activity: Activity, entry: PeriodProgress): PeriodProgress[] {
  return [...activity.progress.filter((p) => p.period !== entry.period), entry].sort((a, b) => a.period - b.period);
}

function logged(ctx: MutationContext, entry: PeriodProgress, change: ProgressUpdate['change'], imageSha256?: string): ProgressUpdate {
  return {
    at: new Date().toISOString(),
    actor: ctx.actor,
    period: entry.period,
    change,
    percent: entry.percent,
    narrative: entry.narrative,
    ...(imageSha256 ? { imageSha256 } : {}),
  };
}

const activityResult = { result: (stamped: { record: unknown }[]) => stamped[0]!.record as Activity };

/** Percent and narrative of one period; every update is kept in the activity's history. */
/** A new activity of a commission's year, or an edit of one; the number is unique per kind. */
export const saveActivity = defineMutation({
  name: 'activity.save',
  args: contract['activities.save'].args,
  apply(ctx, args) {
    if (!ctx.get('commissions', args.commissionId)) throw new AppError('NOT_FOUND', 'La comisión indicada no existe.');
    const existing = args.id ? getActivity(ctx, args.id) : undefined;
    if (existing && (existing.commissionId !== args.commissionId || existing.year !== args.year)) {
      throw new AppError('CONFLICT', 'La actividad pertenece a otra comisión o año.');
    }
    const siblings = ctx.all('activities').filter((a) => a.commissionId === args.commissionId && a.year === args.year && a.kind === args.kind && a.id !== existing?.id);
    const number = args.number ?? (existing?.kind === args.kind ? existing.number : Math.max(0, ...siblings.map((a) => a.number)) + 1);
    if (siblings.some((a) => a.number === number)) throw new AppError('CONFLICT', `Ya hay una actividad con el consecutivo ${number} en este grupo.`);
    const record = existing
      ? { ...existing, kind: args.kind, number, title: args.title }
      : { id: ctx.newId(), commissionId: args.commissionId, year: args.year, kind: args.kind, number, title: args.title, progress: [] };
    return { puts: [{ collection: 'activities', record }], ...activityResult };
  },
});

export const setActivityProgress = defineMutation({
  name: 'activity.setProgress',
  args: contract['activities.setProgress'].args,
  apply(ctx, args) {
    const activity = getActivity(ctx, args.id);
    const previous = activity.progress.find((p) => p.period === args.period);
    const entry: PeriodProgress = {
      period: args.period,
      percent: args.percent,
      narrative: args.narrative,
      evidence: previous?.evidence ?? [],
      images: previous?.images ?? [],
    };
    const history = [...(activity.history ?? []), logged(ctx, entry, 'progreso')];
    return { puts: [{ collection: 'activities', record: { ...activity, progress: withPeriod(activity, entry), history } }], ...activityResult };
  },
});

const AddEvidenceArgs = z
  .object({ id: Id, period: Period, image: EvidenceImage })
  .strict();

const addEvidenceMutation = defineMutation({
  name: 'activity.addEvidence',
  args: AddEvidenceArgs,
  apply(ctx, args) {
    const activity = getActivity(ctx, args.id);
    const previous = activity.progress.find((p) => p.period === args.period);
    const images = previous?.images ?? [];
    if (images.some((i) => i.sha256 === args.image.sha256)) {
      throw new AppError('CONFLICT', 'Esa imagen ya está entre las evidencias de este periodo.');
    }
    if (images.length >= 30) throw new AppError('INVALID_ARGUMENT', 'Un periodo admite hasta 30 imágenes de evidencia.');
    const entry: PeriodProgress = {
      period: args.period,
      percent: previous?.percent ?? 0,
      narrative: previous?.narrative ?? '',
      images: [...images, args.image],
      evidence: [...images, args.image].map((i) => i.sha256),
    };
    const history = [...(activity.history ?? []), logged(ctx, entry, 'imagen_agregada', args.image.sha256)];
    return { puts: [{ collection: 'activities', record: { ...activity, progress: withPeriod(activity, entry), history } }], ...activityResult };
  },
});

export const removeEvidence = defineMutation({
  name: 'activity.removeEvidence',
  args: reportsCalls['progress.removeEvidence'].args,
  apply(ctx, args) {
    const activity = getActivity(ctx, args.id);
    const previous = activity.progress.find((p) => p.period === args.period);
    if (!previous?.images?.some((i) => i.sha256 === args.sha256)) {
      throw new AppError('NOT_FOUND', 'Esa imagen no está entre las evidencias de este periodo.');
    }
    const images = previous.images.filter((i) => i.sha256 !== args.sha256);
    const entry: PeriodProgress = { ...previous, images, evidence: images.map((i) => i.sha256) };
    const history = [...(activity.history ?? []), logged(ctx, entry, 'imagen_quitada', args.sha256)];
    return { puts: [{ collection: 'activities', record: { ...activity, progress: withPeriod(activity, entry), history } }], ...activityResult };
  },
});

/**
 * Adds an evidence image to a period: checked to be a real PNG or JPEG, written to blobs/
 * before the record that points to it. A failed check writes nothing.
 */
export async function addEvidence(
  store: Store,
  args: { id: string; period: number; caption?: string },
  bytes: Uint8Array,
  actor: string,
): Promise<Activity> {
  const parsed = z.object({ id: Id, period: Period, caption: z.string().max(500, 'El pie de imagen admite hasta 500 caracteres').default('') }).safeParse(args);
  if (!parsed.success) throw new AppError('INVALID_ARGUMENT', describeIssues(parsed.error));
  if (!store.get('activities', parsed.data.id)) throw new AppError('NOT_FOUND', 'La actividad solicitada no existe.');
  const info = await inspectImage(bytes);
  const sha256 = await store.blobs.put(bytes);
  return store.mutate(addEvidenceMutation, { id: parsed.data.id, period: parsed.data.period, image: { sha256, ...info, caption: parsed.data.caption } }, actor);
}

/** Links an activity to the schedule rows of its commission's programme that it reports on. */
export const linkScheduleRows = defineMutation({
  name: 'activity.linkScheduleRows',
  args: reportsCalls['progress.linkRows'].args,
  apply(ctx, args) {
    const activity = getActivity(ctx, args.id);
    const rows = new Set(
      ctx
        .all('programmes')
        .filter((p) => p.commissionId === activity.commissionId && p.year === activity.year)
        .flatMap((p) => p.sections.flatMap((s) => s.schedule.map((r) => r.id))),
    );
    const unknown = args.rowIds.filter((r) => !rows.has(r));
    if (unknown.length) {
      throw new AppError('NOT_FOUND', `Hay ${unknown.length} fila(s) que no pertenecen al programa ${activity.year} de la comisión.`);
    }
    return { puts: [{ collection: 'activities', record: { ...activity, scheduleRowIds: [...new Set(args.rowIds)] } }], ...activityResult };
  },
});
