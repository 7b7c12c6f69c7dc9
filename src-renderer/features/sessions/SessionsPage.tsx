import type { SessionSummary } from '../../../src-shared/contract/index.js';
import { formatDateLong, SESSION_STATUS_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';
import { useUi } from '../../app/ui-store.js';
import { Badge, DataTable, Field, RowLink, type Column } from '../../kit/index.js';

const COLUMNS: Column<SessionSummary>[] = [
  { key: 'key', header: 'Clave', cell: (s) => <RowLink to={href('sesiones', s.id)}>{s.key}</RowLink> },
  { key: 'type', header: 'Tipo', cell: (s) => SESSION_TYPE_LABEL[s.type] },
  { key: 'date', header: 'Fecha', cell: (s) => formatDateLong(s.date) },
  { key: 'status', header: 'Estado', cell: (s) => <Badge tone={s.status}>{SESSION_STATUS_LABEL[s.status]}</Badge> },
  { key: 'items', header: 'Puntos', cell: (s) => s.agendaCount },
];

export function SessionsPage() {
  const commissionId = useUi((s) => s.commissionId);
  const setCommission = useUi((s) => s.setCommission);
  const [data, retry] = useLoad(
    async (call) => ({
      commissions: await call('commissions.list', {}),
      sessions: await call('sessions.list', commissionId ? { commissionId } : {}),
    }),
    [commissionId],
  );
  return (
    <section>
      <header className="page-header">
        <h1>Sesiones</h1>
        {data.state === 'ready' && (
          <Field label="Comisión" inline>
            <select value={commissionId} onChange={(e) => setCommission(e.target.value)}>
              <option value="">Todas</option>
              {data.value.commissions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.acronym} — {c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </header>
      <Status data={data} retry={retry}>
        {({ sessions }) => <DataTable rows={sessions} columns={COLUMNS} rowKey={(s) => s.id} middle empty="No hay sesiones registradas." />}
      </Status>
    </section>
  );
}
