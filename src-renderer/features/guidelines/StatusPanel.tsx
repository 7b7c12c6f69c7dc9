import { useState } from 'react';
import type { GuidelineView } from '../../../src-shared/contract/index.js';
import { agendaOrdinal } from '../../../src-shared/format.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { FormError, SelectField, useAction } from '../../kit/index.js';
import { DeleteDraft } from '../documents/DeleteDraft.js';
import { STATUS_LABEL } from './labels.js';

/** An agenda item's text, cut at a word when long (items often run to several lines). */
function itemLabel(text: string): string {
  if (text.length <= 90) return text.replace(/[.\s]+$/, '');
  const cut = text.slice(0, 90);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 45 ? cut.lastIndexOf(' ') : 90).replace(/[\s,;:.]+$/, '')}…`;
}

/** The lifecycle: borrador → en revisión → presentado (in a session's agenda item) → aprobado → publicado. */
export function StatusPanel({ view, onChange }: { view: GuidelineView; onChange: () => Promise<void> }) {
  const call = useClient();
  const g = view.guideline;
  const action = useAction();
  const [sessionId, setSessionId] = useState('');
  const [itemId, setItemId] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [sessions] = useLoad((c) => c('sessions.list', {}), []);
  const own = sessions.state === 'ready' ? sessions.value.filter((s) => s.commissionId === g.commissionId) : [];
  const [detail] = useLoad((c) => (sessionId ? c('sessions.get', { id: sessionId }) : Promise.resolve(null)), [sessionId]);
  const agenda = detail.state === 'ready' && detail.value ? detail.value.session.agenda : [];
  // The session and agenda item it was presented in, named as the session's own screen names them.
  const [presented] = useLoad((c) => (g.presentedIn ? c('sessions.get', { id: g.presentedIn.sessionId }) : Promise.resolve(null)), [g.presentedIn?.sessionId]);
  const presentedSession = presented.state === 'ready' ? presented.value?.session : undefined;
  const presentedAt = presentedSession?.agenda.findIndex((a) => a.id === g.presentedIn?.agendaItemId) ?? -1;
  // Publishing seals the PDF for signing only when the signature store is open; otherwise it waits in Documentos.
  const [signing] = useLoad((c) => (g.documentId ? c('documents.get', { id: g.documentId }) : Promise.resolve(null)), [g.documentId]);
  const unsealed = signing.state === 'ready' && signing.value?.status === 'borrador';
  const go = (status: 'borrador' | 'en_revision' | 'presentado' | 'aprobado' | 'publicado', extra = {}) =>
    action.run(async () => {
      await call('guidelines.setStatus', { id: g.id, status, ...extra });
      await onChange();
    });
  return (
    <section aria-label="Estado" className="card">
      <p>
        Estado: <strong>{STATUS_LABEL[g.status]}</strong>
      </p>
      {g.presentedIn && (
        <p>
          Presentado en la sesión <a href={href('sesiones', g.presentedIn.sessionId)}>{presentedSession?.key ?? '…'}</a>
          {presentedSession && presentedAt >= 0 && (
            <>
              , punto {agendaOrdinal(presentedAt, presentedSession.agenda.length)} del orden del día: {itemLabel(presentedSession.agenda[presentedAt]!.text)}
            </>
          )}
          .
        </p>
      )}
      {g.documentId && (
        <p>
          <a href={href('documentos', g.documentId)}>Documento para firma</a>
          {unsealed && <span className="muted"> · aún no está bloqueado para firma: bloquéelo en Documentos para que los integrantes firmen.</span>}
        </p>
      )}
      {(g.status === 'borrador' || g.status === 'en_revision') && (
        <div className="card">
          <h3>Presentar en sesión</h3>
          <SelectField
            label="Sesión"
            options={own.map((s) => ({ value: s.id, label: `${s.key} · ${s.date}` }))}
            empty="Elija la sesión…"
            value={sessionId}
            onChange={(e) => {
              setSessionId(e.target.value);
              setItemId('');
            }}
          />
          <SelectField label="Punto del orden del día" options={agenda.map((a, i) => ({ value: a.id, label: `${agendaOrdinal(i, agenda.length)}. ${itemLabel(a.text)}` }))} empty="Elija el punto…" value={itemId} onChange={(e) => setItemId(e.target.value)} />
          <button type="button" className="button" disabled={action.busy} onClick={() => go('presentado', { ...(sessionId ? { sessionId } : {}), ...(itemId ? { agendaItemId: itemId } : {}) })}>
            Marcar como presentado
          </button>
        </div>
      )}
      {g.status === 'borrador' && deleting && (
        <DeleteDraft kind="lineamiento" id={g.id} title={g.title} onDeleted={() => (window.location.hash = href('lineamientos'))} onCancel={() => setDeleting(false)} />
      )}
      <div className="actions">
        {g.status === 'borrador' && !deleting && <DeleteDraft.Button onClick={() => setDeleting(true)} />}
        {g.status === 'en_revision' && (
          <button type="button" className="button-ghost" disabled={action.busy} onClick={() => go('borrador')}>
            Volver a borrador
          </button>
        )}
        {g.status === 'presentado' && (
          <>
            <button type="button" className="button" disabled={action.busy} onClick={() => go('aprobado')}>
              Marcar como aprobado
            </button>
            <button type="button" className="button-ghost" disabled={action.busy} onClick={() => go('en_revision')}>
              Devolver a revisión
            </button>
          </>
        )}
        {g.status === 'aprobado' && (
          <button type="button" className="button" disabled={action.busy} onClick={() => go('publicado')}>
            Publicar (bloquea el texto)
          </button>
        )}
      </div>
      <FormError error={action.error} />
    </section>
  );
}
