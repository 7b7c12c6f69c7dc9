import { useMemo, useState } from 'react';
import type { SessionSummary } from '../../../src-shared/contract/index.js';
import { SessionStatus, SessionType } from '../../../src-shared/domain/index.js';
import { searchSessions } from '../../../src-shared/sessions/search.js';
import { formatDateLong, SESSION_STATUS_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';
import { useUi } from '../../app/ui-store.js';
import { Badge, DataTable, RowLink, type Column } from '../../kit/index.js';
import { CalendarEditor } from './CalendarEditor.js';
import { CommissionSettings } from './CommissionSettings.js';
import { MonthView } from './MonthView.js';
import { NewSessionForm } from './NewSessionForm.js';

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
  const [year, setYear] = useState('');
  const [type, setType] = useState('');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [view, setView] = useState<'lista' | 'mes' | 'calendario' | 'comision'>('lista');
  const [creating, setCreating] = useState(false);
  const [data, retry] = useLoad(
    async (call) => ({
      commissions: await call('commissions.list', {}),
      sessions: await call('sessions.list', commissionId ? { commissionId } : {}),
    }),
    [commissionId],
  );
  const years = useMemo(
    () => (data.state === 'ready' ? [...new Set(data.value.sessions.map((s) => s.date.slice(0, 4)))].sort().reverse() : []),
    [data],
  );
  const filter = (rows: SessionSummary[]) =>
    searchSessions(
      rows.filter((s) => (!year || s.date.startsWith(year)) && (!type || s.type === type) && (!status || s.status === status)),
      q,
    );
  return (
    <section>
      <header className="page-header">
        <h1>Sesiones</h1>
        {!creating && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            Nueva sesión
          </button>
        )}
      </header>
      <Status data={data} retry={retry}>
        {({ commissions, sessions }) => (
          <>
            {creating && <NewSessionForm commissions={commissions} defaultCommission={commissionId} onCancel={() => setCreating(false)} />}
            <div className="filters" role="search">
              <label className="field-inline">
                <span>Comisión</span>
                <select value={commissionId} onChange={(e) => setCommission(e.target.value)}>
                  <option value="">Todas</option>
                  {commissions.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.acronym} — {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field-inline">
                <span>Año</span>
                <select value={year} onChange={(e) => setYear(e.target.value)}>
                  <option value="">Todos</option>
                  {years.map((y) => (
                    <option key={y}>{y}</option>
                  ))}
                </select>
              </label>
              <label className="field-inline">
                <span>Tipo</span>
                <select value={type} onChange={(e) => setType(e.target.value)}>
                  <option value="">Todos</option>
                  {SessionType.options.map((t) => (
                    <option key={t} value={t}>
                      {SESSION_TYPE_LABEL[t]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field-inline">
                <span>Estado</span>
                <select value={status} onChange={(e) => setStatus(e.target.value)}>
                  <option value="">Todos</option>
                  {SessionStatus.options.map((t) => (
                    <option key={t} value={t}>
                      {SESSION_STATUS_LABEL[t]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field-inline">
                <span>Buscar</span>
                <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Clave, fecha, punto…" />
              </label>
            </div>
            <div className="tabs" role="tablist" aria-label="Vista">
              {(
                [
                  ['lista', 'Lista'],
                  ['mes', 'Mes'],
                  ['calendario', 'Calendario de sesiones ordinarias'],
                  ['comision', 'Comisión e instituto'],
                ] as const
              ).map(([id, label]) => (
                <button key={id} type="button" role="tab" aria-selected={view === id} className="tab" onClick={() => setView(id)}>
                  {label}
                </button>
              ))}
            </div>
            {view === 'lista' && <DataTable rows={filter(sessions)} columns={COLUMNS} rowKey={(s) => s.id} middle empty="No hay sesiones que coincidan." />}
            {view === 'mes' && <MonthView sessions={filter(sessions)} commissionId={commissionId} />}
            {view === 'calendario' && <CalendarEditor commissions={commissions} commissionId={commissionId} />}
            {view === 'comision' && <CommissionSettings commissions={commissions} commissionId={commissionId} />}
          </>
        )}
      </Status>
    </section>
  );
}
