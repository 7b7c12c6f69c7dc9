import { contract } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { Activity, ActivityKind } from '../../../src-shared/domain/index.js';
import { defineMutation, type Store } from '../store/store.js';

const KIND_ORDER: Record<ActivityKind, number> = { ordinaria: 0, especifica: 1, proceso_electoral: 2 };

export function listActivities(store: Store, filter: { commissionId?: string; year?: number }): Activity[] {
  return store
    .all('activities')
    .filter((a) => (!filter.commissionId || a.commissionId === filter.commissionId) && (!filter.year || a.year === filter.year))
    .sort((a, b) => b.year - a.year || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.number - b.number);
}

export const setActivityProgress = defineMutation({
  name: 'activity.setProgress',
  args: contract['activities.setProgress'].args,
  apply(ctx, args) {
    const activity = ctx.get('activities', args.id);
    if (!activity) throw new AppError('NOT_FOUND', 'La actividad solicitada no existe.');
    const others = activity.progress.filter((p) => p.period !== args.period);
    const previous = activity.progress.find((p) => p.period === args.period);
    const progress = [
      ...others,
      { period: args.period, percent: args.percent, narrative: args.narrative, evidence: previous?.evidence ?? [] },
    ].sort((a, b) => a.period - b.period);
    return {
      puts: [{ collection: 'activities', record: { ...activity, progress } }],
      result: (stamped) => stamped[0]!.record as unknown as Activity,
    };
  },
});
