import { useCallback, useRef, useState } from 'react';
import type { DraftState, MinutesView, SessionDetail } from '../../../src-shared/contract/index.js';
import type { Minutes } from '../../../src-shared/domain/index.js';
import { pdfObjectUrl } from '../../api/download.js';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { useOnSync } from '../../app/sync-watch.js';
import { useLive } from '../../app/useLive.js';
import { href } from '../../app/router.js';
import { Badge, FormError, useAction } from '../../kit/index.js';
import { YjsEditor } from '../../kit/editor/index.js';
import { DeleteDraft } from '../documents/DeleteDraft.js';

const STATUS_LABEL: Record<Minutes['status'], string> = {
  borrador: 'Borrador',
  presentado: 'Proyecto presentado',
  aprobado: 'Aprobada',
  bloqueado: 'Bloqueada',
  firmado: 'Firmada',
};

/** The acta: drafted from the session, edited as rich text with autosave, then presented, approved, locked and signed. */
export function ActaTab({ detail }: { detail: SessionDetail }) {
  const call = useClient();
  const sessionId = detail.session.id;
  const [view, setView] = useState<MinutesView | null>(null);
  const [draft, setDraft] = useState<DraftState | null>(null);
  const [pdf, setPdf] = useState<{ url: string; fileName: string } | null>(null);
  const [deleting, setDeleting] = useState(false);
  const action = useAction();
  // Typed text still waiting for its autosave is stored before any action reads or reloads the acta.
  const saveNow = useRef<(() => Promise<void>) | null>(null);
  const { refresh: load, error: loadError, fail } = useLive(
    useCallback(async () => {
      const v = await call('minutes.get', { sessionId });
      setView(v);
      const current = v.versions[0];
      setDraft(current ? await call('drafts.get', { id: current.draftId }) : null);
    }, [call, sessionId]),
    'No se pudo cargar el acta.',
  );
  // Status and versions another laptop changed. The open body takes merged edits itself, so the
  // draft is read again only when the version or its status (and so the editor's mode) changed.
  useOnSync(() => {
    void (async () => {
      try {
        const v = await call('minutes.get', { sessionId });
        const before = view?.versions[0];
        const next = v.versions[0];
        if (next?.draftId !== before?.draftId || next?.status !== before?.status) {
          await saveNow.current?.();
          setDraft(next ? await call('drafts.get', { id: next.draftId }) : null);
        }
        setView(v);
      } catch (e) {
        fail(messageOf(e, 'No se pudo cargar el acta.'));
      }
    })();
  });
  const act = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await saveNow.current?.();
      await work();
      await load();
    });
  if (loadError) return <p className="text-error" role="alert">{loadError}</p>;
  if (!view) return <p className="muted" role="status">Cargando…</p>;
  const current = view.versions[0];
  if (!current) {
    return (
      <div className="card">
        <p>Esta sesión aún no tiene acta. El borrador se redacta con el orden del día, la asistencia, las votaciones y sus notas.</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => act(() => call('minutes.create', { sessionId }))} disabled={action.busy}>
            Redactar acta
          </button>
          <FormError error={action.error} />
        </div>
      </div>
    );
  }
  const frozen = current.status === 'bloqueado' || current.status === 'firmado';
  return (
    <div>
      <div className="page-header">
        <p>
          Acta, versión {current.version} <Badge tone={current.status}>{STATUS_LABEL[current.status]}</Badge>
          {current.approvedBy && <span className="muted"> · aprobada {current.approvedBy.result === 'unanimidad' ? 'por unanimidad' : 'por mayoría'}</span>}
          {current.contentSha256 && <span className="mono"> · SHA-256 {current.contentSha256.slice(0, 16)}…</span>}
        </p>
      </div>
      <div className="actions">
        {current.status === 'borrador' && (
          <button type="button" className="button-ghost" onClick={() => act(() => call('minutes.present', { id: current.id }))} disabled={action.busy}>
            Presentar como proyecto
          </button>
        )}
        {current.status === 'borrador' && !deleting && <DeleteDraft.Button onClick={() => setDeleting(true)} />}
        {view.lockable && (
          <button type="button" className="button" onClick={() => act(() => call('minutes.lock', { id: current.id }))} disabled={action.busy}>
            Bloquear acta
          </button>
        )}
        {frozen && (
          <button type="button" className="button-ghost" onClick={() => act(() => call('minutes.correct', { id: current.id }))} disabled={action.busy}>
            Corregir (nueva versión)
          </button>
        )}
        <button
          type="button"
          className="button-ghost"
          disabled={action.busy}
          onClick={() =>
            action.run(async () => {
              await saveNow.current?.();
              const file = await call('minutes.pdf', { id: current.id });
              setPdf({ url: pdfObjectUrl(file.base64), fileName: file.fileName });
            })
          }
        >
          Generar PDF
        </button>
        {pdf && (
          <a className="button link-button-inline" href={pdf.url} download={pdf.fileName}>
            Descargar {pdf.fileName}
          </a>
        )}
        {current.documentId && <a href={href('documentos', current.documentId)}>Firmar el acta</a>}
        <FormError error={action.error} />
      </div>
      {current.status === 'borrador' && deleting && (
        <DeleteDraft
          kind="acta"
          id={current.id}
          title={`Acta ${detail.session.key}, versión ${current.version}`}
          onDeleted={() => {
            setDeleting(false);
            void load();
          }}
          onCancel={() => setDeleting(false)}
        />
      )}
      {current.status === 'presentado' && <p className="muted">Se aprueba al votar, en una sesión posterior, el punto de lectura y aprobación de esta acta.</p>}
      {draft && (
        <YjsEditor
          key={`${draft.id}-${frozen}`}
          initial={draft.state}
          readOnly={frozen || draft.locked}
          label="Texto del acta"
          draftId={draft.id}
          saveNowRef={saveNow}
          save={async (update) => {
            await call('drafts.append', { id: draft.id, update });
          }}
        />
      )}
      {view.versions.length > 1 && (
        <p className="muted">
          Versiones anteriores: {view.versions.slice(1).map((v) => `versión ${v.version} (${STATUS_LABEL[v.status]})`).join(', ')}.
        </p>
      )}
    </div>
  );
}
