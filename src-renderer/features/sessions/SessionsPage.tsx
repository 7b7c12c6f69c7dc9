import { formatDateLong, SESSION_STATUS_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';
import { useUi } from '../../app/ui-store.js';

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
          <label className="field-inline">
            <span>Comisión</span>
            <select value={commissionId} onChange={(e) => setCommission(e.target.value)}>
              <option value="">Todas</option>
              {data.value.commissions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.acronym} — {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <Status data={data} retry={retry}>
        {({ sessions }) =>
          sessions.length === 0 ? (
            <p className="muted">No hay sesiones registradas.</p>
          ) : (
            <table className="table table-middle">
              <thead>
                <tr>
                  <th scope="col">Clave</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Fecha</th>
                  <th scope="col">Estado</th>
                  <th scope="col">Puntos</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <a className="row-link" href={href('sesiones', s.id)}>
                        {s.key}
                      </a>
                    </td>
                    <td>{SESSION_TYPE_LABEL[s.type]}</td>
                    <td>{formatDateLong(s.date)}</td>
                    <td>
                      <span className={`badge badge-${s.status}`}>{SESSION_STATUS_LABEL[s.status]}</span>
                    </td>
                    <td>{s.agendaCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Status>
    </section>
  );
}
