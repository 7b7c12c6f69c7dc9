import { useState } from 'react';
import type { VerificationReport } from '../../../src-shared/contract/index.js';
import { DOCUMENT_STATE_LABEL } from '../../../src-shared/format.js';
import { messageOf } from '../../api/client.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { BackLink } from '../../app/BackLink.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';
import { useUi } from '../../app/ui-store.js';
import { Badge } from '../../kit/index.js';
import { DeleteDraft } from './DeleteDraft.js';
import { PrintedCopyCheck } from './PrintedCopyCheck.js';
import { SignerTable } from './SignerTable.js';
import { SignForm } from './SignForm.js';
import { Verification } from './Verification.js';
import { DocumentViewer } from './DocumentViewer.js';

const centralTime = (iso: string) => new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' });

/** One document's flows: lock it, order and collect its signatures, verify it, check a printed copy. */
export function DocumentDetailPage({ id }: { id: string }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const [doc, retry] = useLoad((c) => c('documents.get', { id }), [id]);
  const [report, setReport] = useState<VerificationReport | { error: string } | null>(null);
  const [settings] = useLoad((c) => c('settings.get', {}), []);
  const [confirmLock, setConfirmLock] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const act = (p: Promise<unknown>, ok: string) =>
    p.then(
      () => {
        notify({ kind: 'ok', text: ok });
        setReport(null);
        retry();
      },
      (e: unknown) => notify({ kind: 'error', text: messageOf(e) }),
    );
  return (
    <section>
      <BackLink section="documentos">Documentos</BackLink>
      <Status data={doc} retry={retry}>
        {(d) => {
          const next = d.signers.find((s) => s.status === 'pendiente');
          const canTimestamp =
            settings.state === 'ready' &&
            settings.value.tsaUrl &&
            d.signers.some((s) => s.status === 'firmado' && s.timestamped === false) &&
            d.documentTimestamps.length === 0;
          return (
            <>
              <header className="page-header">
                <h1>{d.title}</h1>
                <Badge tone={d.status}>{DOCUMENT_STATE_LABEL[d.status]}</Badge>
              </header>
              {d.status === 'borrador' && !confirmLock && !deleting && (
                <div className="card">
                  <p>El documento debe bloquearse antes de la primera firma; después ya no puede modificarse.</p>
                  <div className="actions">
                    <button type="button" className="button" onClick={() => setConfirmLock(true)}>
                      Bloquear para firma
                    </button>
                    <DeleteDraft.Button onClick={() => setDeleting(true)} />
                  </div>
                </div>
              )}
              {d.status === 'borrador' && deleting && (
                <DeleteDraft kind="documento" id={id} title={d.title} onDeleted={() => (window.location.hash = href('documentos'))} onCancel={() => setDeleting(false)} />
              )}
              {d.status === 'borrador' && confirmLock && (
                <div className="card confirm" role="alertdialog" aria-label="Confirmar el bloqueo">
                  <p>
                    <strong>Al bloquear, el acta ya no puede modificarse, y esto no se puede deshacer.</strong> Se agrega la hoja del sello y
                    solo entonces puede firmarse. ¿Bloquear para firma?
                  </p>
                  <div className="actions">
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        setConfirmLock(false);
                        act(call('documents.lock', { id }), 'Documento bloqueado para firma.');
                      }}
                    >
                      Sí, bloquear
                    </button>
                    <button type="button" className="button-ghost" onClick={() => setConfirmLock(false)}>
                      Cancelar
                    </button>
                  </div>
                </div>
              )}
              {d.signatureConflicts?.map((x) => (
                <div key={x.id} className="notice notice-warn" role="alert" aria-label={`Firma que no contó: ${x.boxName}`}>
                  {x.message}
                </div>
              ))}
              <DocumentViewer id={id} version={`${d.status}-${d.signers.filter((s) => s.status !== 'pendiente').length}-${d.signatureConflicts?.length ?? 0}`} />
              <h2>Firmantes, en orden de firma</h2>
              <SignerTable
                doc={d}
                onReorder={(memberIds) => act(call('documents.setOrder', { id, memberIds }), 'Orden de firma actualizado.')}
              />
              {d.status === 'bloqueado' && next && <SignForm doc={d} signer={next} onDone={(text) => act(Promise.resolve(), text)} />}
              <div className="actions">
                <button
                  type="button"
                  className="button-ghost"
                  onClick={() => call('documents.verify', { id }).then(setReport, (e: unknown) => setReport({ error: messageOf(e) }))}
                >
                  Verificar firmas
                </button>
                {canTimestamp && (
                  <button
                    type="button"
                    className="button-ghost"
                    onClick={() => act(call('documents.addTimestamp', { id }), 'Sello de tiempo agregado al documento.')}
                  >
                    Agregar sello de tiempo
                  </button>
                )}
              </div>
              {d.documentTimestamps.length > 0 && (
                <p className="muted">Sello de tiempo del documento: {d.documentTimestamps.map(centralTime).join(', ')} (hora del centro).</p>
              )}
              {report && <Verification report={report} />}
              {d.sealPayload && <PrintedCopyCheck id={id} payload={d.sealPayload} />}
            </>
          );
        }}
      </Status>
    </section>
  );
}
