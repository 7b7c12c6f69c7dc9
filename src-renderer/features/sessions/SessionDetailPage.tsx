import {
  agendaOrdinal,
  documentStatusLabel,
  formatDate,
  formatDateLong,
  MODALITY_LABEL,
  SESSION_STATUS_LABEL,
  SESSION_TYPE_LABEL,
} from '../../../src-shared/format.js';
import { useState } from 'react';
import { CallFailed } from '../../api/client.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';

export function SessionDetailPage({ id }: { id: string }) {
  const [data, retry] = useLoad((call) => call('sessions.get', { id }), [id]);
  return (
    <section>
      <a className="back" href={href('sesiones')}>
        ← Sesiones
      </a>
      <Status data={data} retry={retry}>
        {({ session, commission }) => (
          <>
            <header className="page-header">
              <div>
                <h1>{session.key}</h1>
                <p className="muted">
                  Sesión {SESSION_TYPE_LABEL[session.type].toLowerCase()} de la {commission.name} · {formatDateLong(session.date)} ·{' '}
                  {MODALITY_LABEL[session.modality]}
                </p>
              </div>
              <span className={`badge badge-${session.status}`}>{SESSION_STATUS_LABEL[session.status]}</span>
            </header>
            <DraftActa sessionId={session.id} />

            <h2>Orden del día</h2>
            <ol className="agenda">
              {session.agenda.map((item, i) => (
                <li key={item.id}>
                  <strong>{agendaOrdinal(i, session.agenda.length)}.</strong> {item.text}
                  {item.subitems.length > 0 && (
                    <ul className="subitems">
                      {item.subitems.map((sub) => (
                        <li key={sub}>{sub}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>

            <h2>Documentación presentada y/o aprobada</h2>
            {session.documents.length === 0 ? (
              <p className="muted">Sin documentos registrados.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Consecutivo</th>
                    <th scope="col">Documento</th>
                    <th scope="col">Estatus</th>
                    <th scope="col">Fecha de sesión</th>
                  </tr>
                </thead>
                <tbody>
                  {session.documents.map((d) => (
                    <tr key={d.id}>
                      <td>{String(d.consecutive).padStart(2, '0')}</td>
                      <td>{d.title}</td>
                      <td>
                        <span className={`badge badge-${d.status}`}>{documentStatusLabel(d.status, d.feminine)}</span>
                      </td>
                      <td>{formatDate(d.sessionDate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {session.summary && (
              <>
                <h2>Reseña</h2>
                {session.summary.split(/\n\n+/).map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </>
            )}
          </>
        )}
      </Status>
    </section>
  );
}

/** Drafts the acta from this session's agenda and opens it for locking and signing. */
function DraftActa({ sessionId }: { sessionId: string }) {
  const call = useClient();
  const [error, setError] = useState('');
  return (
    <div className="actions">
      <button
        type="button"
        className="button"
        onClick={() =>
          call('documents.createActa', { sessionId }).then(
            (doc) => {
              window.location.hash = href('documentos', doc.id);
            },
            (e: unknown) => setError(e instanceof CallFailed ? e.message : 'No se pudo generar el acta.'),
          )
        }
      >
        Generar acta
      </button>
      {error && <span className="text-error">{error}</span>}
    </div>
  );
}
