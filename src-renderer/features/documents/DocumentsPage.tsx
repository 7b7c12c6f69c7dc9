import { useState } from 'react';
import type { DocumentSummary } from '../../../src-shared/contract/index.js';
import { DOCUMENT_KIND_LABEL, DOCUMENT_STATE_LABEL } from '../../../src-shared/format.js';
import { messageOf } from '../../api/client.js';
import { pdfObjectUrl } from '../../api/download.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';
import { Badge, DataTable, RowLink, type Column } from '../../kit/index.js';
import { BatchStamp } from './BatchStamp.js';

const COLUMNS: Column<DocumentSummary>[] = [
  {
    key: 'title',
    header: 'Documento',
    cell: (d) => (
      <RowLink to={href('documentos', d.id)} plain>
        {d.title}
      </RowLink>
    ),
  },
  { key: 'kind', header: 'Tipo', cell: (d) => DOCUMENT_KIND_LABEL[d.kind] },
  { key: 'status', header: 'Estado', cell: (d) => <Badge tone={d.status}>{DOCUMENT_STATE_LABEL[d.status]}</Badge> },
  { key: 'date', header: 'Fecha', cell: (d) => new Date(d.createdAt).toLocaleString('es-MX') },
  { key: 'file', header: 'Archivo', hiddenHeader: true, cell: (d) => <DownloadButton id={d.id} /> },
];

export function DocumentsPage() {
  const [docs, retry] = useLoad((call) => call('documents.list', {}), []);
  return (
    <section>
      <h1>Documentos</h1>
      <Status data={docs} retry={retry}>
        {(list) => <DataTable rows={list} columns={COLUMNS} rowKey={(d) => d.id} middle empty="Aún no hay documentos generados." />}
      </Status>
      <BatchStamp />
    </section>
  );
}

function DownloadButton({ id }: { id: string }) {
  const call = useClient();
  const [error, setError] = useState('');
  return (
    <>
      <button
        type="button"
        className="button-ghost"
        onClick={() =>
          call('documents.pdf', { id }).then(
            (pdf) => {
              const a = document.createElement('a');
              a.href = pdfObjectUrl(pdf.base64);
              a.download = pdf.fileName;
              a.click();
              setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
            },
            (e: unknown) => setError(messageOf(e)),
          )
        }
      >
        Descargar PDF
      </button>
      {error && <span className="text-error"> {error}</span>}
    </>
  );
}
