import { useMemo, useState } from 'react';
import type { SessionSummary } from '../../../src-shared/contract/index.js';
import { SessionStatus, SessionType } from '../../../src-shared/domain/index.js';
import { formatDateLong, SESSION_STATUS_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';
import { useUi } from '../../app/ui-store.js';
import { choices, CommissionSelect, DataTable, linkColumn, SelectField, statusColumn, type Column } from '../../kit/index.js';
import { CalendarEditor } from './CalendarEditor.js';
import { CommissionSettings } from './CommissionSettings.js';
import { MonthView } from './MonthView.js';
import { NewSessionForm } from './NewSessionForm.js';

const COLUMNS: Column<SessionSummary>[] = [
  linkColumn({ key: 'key', header: 'Clave', to: (s) => href('sesiones', s.id), text: (s) => s.key, plain: false }),
  { key: 'type', header: 'Tipo', cell: (s) => SESSION_TYPE_LABEL[s.type] },
  { key: 'date', header: 'Fecha', cell: (s) => formatDateLong(s.date) },
  statusColumn(SESSION_STATUS_LABEL),
  { key: 'items', header: 'Puntos', cell: (s) => s.agendaCount },
];

const TYPES = choices(SessionType.options, SESSION_TYPE_LABEL);
const STATUSES = choices(SessionStatus.options, SESSION_STATUS_LABEL);

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

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
    rows.filter(
      (s) =>
        (!year || s.date.startsWith(year)) &&
        (!type || s.type === type) &&
        (!status || s.status === status) &&
        (!q.trim() || fold(s.key).includes(fold(q.trim()))),
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
              <CommissionSelect inline commissions={commissions} empty="Todas" value={commissionId} onChange={(e) => setCommission(e.target.value)} />
              <SelectField inline label="Año" options={years.map((y) => ({ value: y, label: y }))} empty="Todos" value={year} onChange={(e) => setYear(e.target.value)} />
              <SelectField inline label="Tipo" options={TYPES} empty="Todos" value={type} onChange={(e) => setType(e.target.value)} />
              <SelectField inline label="Estado" options={STATUSES} empty="Todos" value={status} onChange={(e) => setStatus(e.target.value)} />
              <label className="field-inline">
                <span>Buscar</span>
                <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Clave, p. ej. SEORD-03" />
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
