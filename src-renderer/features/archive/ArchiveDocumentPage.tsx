import { useState } from 'react';
import { DOCUMENT_KIND_LABEL, DOCUMENT_STATE_LABEL } from '../../../src-shared/format.js';
import { messageOf } from '../../api/client.js';
import { BackLink } from '../../app/BackLink.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';
import { useUi } from '../../app/ui-store.js';
import { Badge, DownloadButton, FormActions, FormError } from '../../kit/index.js';
import { PdfViewer } from './PdfViewer.js';
import { PrintOptionsFields, usePrintOptions } from './PrintOptions.js';
import { Timeline } from './Timeline.js';
import { VerificationSummary } from './VerificationSummary.js';

/** One archived document: the PDF in the viewer with its verification beside it, printing, history. */
export function ArchiveDocumentPage({ id }: { id: string }) {
  const call = useClient();
  const [doc, retryDoc] = useLoad((c) => c('documents.get', { id }), [id]);
  const [pdf, retryPdf] = useLoad((c) => c('documents.pdf', { id }), [id]);
  const [report, retryReport] = useLoad((c) => c('documents.verify', { id }), [id]);
  const [events, retryEvents] = useLoad((c) => c('audit.timeline', { documentId: id }), [id]);
  return (
    <section>
      <BackLink section="archivo">Archivo</BackLink>
      <Status data={doc} retry={retryDoc}>
        {(d) => (
          <>
            <header className="page-header">
              <h1>{d.title}</h1>
              <Badge tone={d.status}>{DOCUMENT_STATE_LABEL[d.status]}</Badge>
            </header>
            <p className="muted">
              {DOCUMENT_KIND_LABEL[d.kind]} · {d.fileName} · <a href={href('documentos', id)}>Abrir en Documentos (firmar)</a>
            </p>
            <div className="actions">
              <DownloadButton mime="application/pdf" fetch={() => call('documents.pdf', { id })}>
                Descargar PDF
              </DownloadButton>
              <DownloadButton mime="application/pdf" fetch={() => call('audit.constancia', { id })}>
                Descargar constancia
              </DownloadButton>
            </div>
          </>
        )}
      </Status>
      <div className="viewer-layout">
        <div className="viewer-main">
          <Status data={pdf} retry={retryPdf}>
            {(p) => <PdfViewer base64={p.base64} title={p.fileName} />}
          </Status>
        </div>
        <aside className="viewer-side" aria-label="Verificación y acciones">
          <Status data={report} retry={retryReport}>
            {(r) => <VerificationSummary report={r} />}
          </Status>
          <PrintForm id={id} onPrinted={retryEvents} />
          <h2>Línea de tiempo</h2>
          <Status data={events} retry={retryEvents}>
            {(list) => <Timeline events={list} />}
          </Status>
        </aside>
      </div>
    </section>
  );
}

function PrintForm({ id, onPrinted }: { id: string; onPrinted: () => void }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const options = usePrintOptions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <form
      className="card"
      aria-label="Imprimir"
      onSubmit={(e) => {
        e.preventDefault();
        const args = options.args();
        if (!args || busy) return;
        setBusy(true);
        setError('');
        call('printing.print', { ...args, id })
          .then(
            (job) => {
              notify({ kind: 'ok', text: `Enviado a ${job.printer}: ${job.copies === 1 ? '1 copia' : `${job.copies} copias`} (trabajo ${job.jobId}).` });
              onPrinted();
            },
            (err: unknown) => setError(messageOf(err)),
          )
          .finally(() => setBusy(false));
      }}
    >
      <h2>Imprimir</h2>
      <PrintOptionsFields options={options} />
      <FormActions submit="Imprimir" busy={busy} busyLabel="Enviando…" />
      <FormError error={error} />
    </form>
  );
}
