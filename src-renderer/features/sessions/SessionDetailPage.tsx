import { useState } from 'react';
import type { SessionDetail } from '../../../src-shared/contract/index.js';
import { formatDateLong, MODALITY_LABEL, SESSION_STATUS_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { pdfObjectUrl } from '../../api/download.js';
import { BackLink } from '../../app/BackLink.js';
import { href } from '../../app/router.js';
import { useClient } from '../../app/client-context.js';
import { Badge, Field, FormActions, FormError, useAction, useForm } from '../../kit/index.js';
import { ActaTab } from '../minutes/ActaTab.js';
import { AgendaTab } from './AgendaTab.js';
import { DocumentsTab } from './DocumentsTab.js';
import { EditSessionForm } from './EditSessionForm.js';
import { useSession } from './useSession.js';
import { VotingTab } from './VotingTab.js';

const TABS = [
  ['orden', 'Orden del día'],
  ['votacion', 'Asistencia y votación'],
  ['acta', 'Acta'],
  ['documentos', 'Documentos'],
] as const;
type Tab = (typeof TABS)[number][0];

export function SessionDetailPage({ id }: { id: string }) {
  const { detail, error, refresh } = useSession(id);
  const [tab, setTab] = useState<Tab>('orden');
  return (
    <section>
      <BackLink section="sesiones">Sesiones</BackLink>
      {error && (
        <div className="notice notice-error" role="alert">
          <span>{error}</span>
          <button type="button" className="button" onClick={() => void refresh()}>
            Reintentar
          </button>
        </div>
      )}
      {!detail && !error && (
        <p className="muted" role="status">
          Cargando…
        </p>
      )}
      {detail && (
        <>
          <SessionHeader detail={detail} refresh={refresh} />
          <div className="tabs" role="tablist" aria-label="Secciones de la sesión">
            {TABS.map(([key, label]) => (
              <button key={key} type="button" role="tab" className="tab" aria-selected={tab === key} onClick={() => setTab(key)}>
                {label}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label={TABS.find((t) => t[0] === tab)![1]}>
            {tab === 'orden' && <AgendaTab detail={detail} refresh={refresh} />}
            {tab === 'votacion' && <VotingTab detail={detail} refresh={refresh} />}
            {tab === 'acta' && <ActaTab detail={detail} />}
            {tab === 'documentos' && <DocumentsTab detail={detail} refresh={refresh} />}
          </div>
        </>
      )}
    </section>
  );
}

function SessionHeader({ detail, refresh }: { detail: SessionDetail; refresh: () => Promise<void> }) {
  const call = useClient();
  const { session, commission } = detail;
  const form = useForm({ reason: '' });
  const action = useAction();
  const [mode, setMode] = useState<'none' | 'cancel' | 'edit'>('none');
  const [pdf, setPdf] = useState<{ url: string; fileName: string } | null>(null);
  const convene = () =>
    action.run(async () => {
      await call('sessions.convene', { id: session.id });
      const file = await call('sessions.convocatoriaPdf', { id: session.id });
      setPdf({ url: pdfObjectUrl(file.base64), fileName: file.fileName });
      await refresh();
    });
  // Sessions held before Sesiona (no acta drafted here) get their acta straight for signing.
  const legacyActa = () =>
    action.run(async () => {
      const doc = await call('documents.createActa', { sessionId: session.id });
      window.location.hash = href('documentos', doc.id);
    });
  const preview = () =>
    action.run(async () => {
      const file = await call('sessions.convocatoriaPdf', { id: session.id });
      setPdf({ url: pdfObjectUrl(file.base64), fileName: file.fileName });
    });
  const cancel = form.submit(async () => {
    const args = form.check('sessions.cancel', { id: session.id, reason: form.values.reason }, { fields: { reason: 'reason' } });
    if (!args) return;
    await call('sessions.cancel', args);
    setMode('none');
    await refresh();
  });
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{session.key}</h1>
          <p className="muted">
            Sesión {SESSION_TYPE_LABEL[session.type].toLowerCase()} de la {commission.name} · {formatDateLong(session.date)}
            {session.time ? ` · ${session.time} h` : ''} · {MODALITY_LABEL[session.modality]}
            {session.place ? ` · ${session.place}` : ''}
          </p>
          {session.previousKeys.length > 0 && <p className="muted">Antes: {session.previousKeys.join(', ')}</p>}
          {session.status === 'cancelada' && <p className="text-error">Cancelada: {session.cancelReason}</p>}
        </div>
        <Badge tone={session.status}>{SESSION_STATUS_LABEL[session.status]}</Badge>
      </header>
      {detail.warnings.map((w) => (
        <p key={w} className="notice notice-warn" role="status">
          {w}
        </p>
      ))}
      <div className="actions">
        {session.status === 'programada' && (
          <button type="button" className="button" onClick={convene} disabled={action.busy}>
            Convocar
          </button>
        )}
        {session.status === 'celebrada' && !detail.minutes && (
          <button type="button" className="button-ghost" onClick={legacyActa} disabled={action.busy}>
            Generar acta
          </button>
        )}
        {session.status !== 'cancelada' && (
          <button type="button" className="button-ghost" onClick={preview} disabled={action.busy}>
            {session.status === 'programada' ? 'Vista previa de la convocatoria' : 'Convocatoria (PDF)'}
          </button>
        )}
        {pdf && (
          <a className="button link-button-inline" href={pdf.url} download={pdf.fileName}>
            Descargar {pdf.fileName}
          </a>
        )}
        {session.status !== 'cancelada' && session.status !== 'celebrada' && (
          <>
            <button type="button" className="button-ghost" onClick={() => setMode(mode === 'edit' ? 'none' : 'edit')}>
              Editar datos
            </button>
            <button type="button" className="button-ghost" onClick={() => setMode(mode === 'cancel' ? 'none' : 'cancel')}>
              Cancelar sesión
            </button>
          </>
        )}
        <FormError error={action.error} />
      </div>
      {mode === 'cancel' && (
        <form className="card" onSubmit={cancel} aria-label="Cancelar sesión">
          <Field label="Motivo de la cancelación" error={form.errors.reason}>
            <textarea rows={2} value={form.values.reason} onChange={(e) => form.set('reason', e.target.value)} />
          </Field>
          <FormError error={form.error} />
          <FormActions submit="Confirmar cancelación" busy={form.busy} />
        </form>
      )}
      {mode === 'edit' && (
        <EditSessionForm
          session={session}
          onDone={async () => {
            setMode('none');
            await refresh();
          }}
        />
      )}
    </>
  );
}
