import type { Activity, ActivityKind } from '../../../src-shared/domain/index.js';
import { formatPercent, PERIOD_LABEL } from '../../../src-shared/format.js';
import { useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';
import { useUi } from '../../app/ui-store.js';
import { DataTable, type Column } from '../../kit/index.js';

const KIND_TITLE: Record<ActivityKind, string> = {
  ordinaria: 'Actividades ordinarias',
  especifica: 'Actividades específicas',
  proceso_electoral: 'Actividades en proceso electoral',
};

const PERIODS = [1, 2, 3] as const;

function periodCell(a: Activity, p: (typeof PERIODS)[number]) {
  const progress = a.progress.find((x) => x.period === p);
  if (!progress) return '—';
  return (
    <span className="progress" aria-label={`${PERIOD_LABEL[p]}: ${formatPercent(progress.percent)}`}>
      <progress max={100} value={progress.percent} />
      <span className="progress-value">{formatPercent(progress.percent)}</span>
    </span>
  );
}

const COLUMNS: Column<Activity>[] = [
  { key: 'n', header: 'Cvo.', cell: (a) => a.number },
  { key: 'title', header: 'Actividad', cell: (a) => a.title },
  ...PERIODS.map((p): Column<Activity> => ({ key: `p${p}`, header: PERIOD_LABEL[p], className: 'num', cell: (a) => periodCell(a, p) })),
];

export function ActivitiesPage() {
  const commissionId = useUi((s) => s.commissionId);
  const [data, retry] = useLoad(
    async (call) => ({
      activities: await call('activities.list', commissionId ? { commissionId } : {}),
      commissions: await call('commissions.list', {}),
    }),
    [commissionId],
  );
  return (
    <section>
      <h1>Avance de actividades</h1>
      <Status data={data} retry={retry}>
        {({ activities, commissions }) => {
          if (activities.length === 0) return <p className="muted">No hay actividades registradas.</p>;
          const acronym = new Map(commissions.map((c) => [c.id, c.acronym]));
          const groups = new Map<string, Activity[]>();
          for (const a of activities) {
            const key = `${acronym.get(a.commissionId) ?? ''} ${a.year} · ${KIND_TITLE[a.kind]}`;
            groups.set(key, [...(groups.get(key) ?? []), a]);
          }
          return [...groups].map(([title, list]) => (
            <div key={title} className="group">
              <h2>{title}</h2>
              <DataTable rows={list} columns={COLUMNS} rowKey={(a) => a.id} />
            </div>
          ));
        }}
      </Status>
    </section>
  );
}
