import {
  agendaOrdinal,
  documentStatusLabel,
  formatDate,
  formatDateLong,
  MODALITY_LABEL,
  SESSION_STATUS_LABEL,
  SESSION_TYPE_LABEL,
} from '../../../src-shared/format.js';
import type { Session } from '../../../src-shared/domain/index.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { BackLink } from '../../app/BackLink.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';
import { Badge, DataTable, FormActions, FormError, useForm, type Column } from '../../kit/index.js';

const DOCUMENT_COLUMNS: Column<Session['documents'][number]>[] = [
  { key: 'n', header: 'Consecutivo', cell: (d) => String(d.consecutive).padStart(2, '0') },
  { key: 'title', header: 'Documento', cell: (d) => d.title },
  { key: 'status', header: 'Estatus', cell: (d) => <Badge tone={d.status}>{documentStatusLabel(d.status, d.feminine)}</Badge> },
  { key: 'date', header: 'Fecha de sesión', cell: (d) => formatDate(d.sessionDate) },
];

export function SessionDetailPage({ id }: { id: string }) {
  const [data, retry] = useLoad((call) => call('sessions.get', { id }), [id]);
  return (
    <section>
      <BackLink section="sesiones">Sesiones</BackLink>
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
              <Badge tone={session.status}>{SESSION_STATUS_LABEL[session.status]}</Badge>
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
            <DataTable rows={session.documents} columns={DOCUMENT_COLUMNS} rowKey={(d) => d.id} empty="Sin documentos registrados." />
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
  const form = useForm({});
  const draft = form.submit(async () => {
    const doc = await call('documents.createActa', { sessionId });
    window.location.hash = href('documentos', doc.id);
  });
  return (
    <form onSubmit={draft}>
      <FormActions submit="Generar acta" busy={form.busy} busyLabel="Generando…">
        <FormError error={form.error} />
      </FormActions>
    </form>
  );
}
