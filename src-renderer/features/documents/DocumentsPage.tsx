import { useState } from 'react';
import type { DocumentSummary } from '../../../src-shared/contract/index.js';
import { DOCUMENT_KIND_LABEL, DOCUMENT_STATE_LABEL } from '../../../src-shared/format.js';
import { messageOf } from '../../api/client.js';
import { pdfObjectUrl } from '../../api/download.js';
import { useClient } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Loaded } from '../../app/Status.js';
import { Badge, DataTable, Field, RowLink, type Column } from '../../kit/index.js';
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
  {
    key: 'progress',
    header: 'Firmas',
    cell: (d) => (d.signers.length ? `${d.signers.filter((s) => s.status === 'firmado').length} de ${d.signers.length} firmas` : '—'),
  },
  { key: 'date', header: 'Fecha', cell: (d) => new Date(d.createdAt).toLocaleString('es-MX') },
  { key: 'file', header: 'Archivo', hiddenHeader: true, cell: (d) => <DownloadButton id={d.id} /> },
];

export function DocumentsPage() {
  const [status, setStatus] = useState('');
  const [signer, setSigner] = useState('');
  const [text, setText] = useState('');
  return (
    <section>
      <h1>Documentos</h1>
      <Loaded load={(call) => call('documents.list', {})}>
        {(list) => {
          const signers = [...new Set(list.flatMap((d) => d.signers.map((s) => s.name)))].sort();
          const shown = list.filter(
            (d) =>
              (!status || d.status === status) &&
              (!signer || d.signers.some((s) => s.name === signer)) &&
              (!text || d.title.toLocaleLowerCase('es-MX').includes(text.toLocaleLowerCase('es-MX'))),
          );
          return (
            <>
              <div className="form-row" role="search" aria-label="Filtrar documentos">
                <Field label="Estado">
                  <select value={status} onChange={(e) => setStatus(e.target.value)}>
                    <option value="">Todos</option>
                    {(Object.keys(DOCUMENT_STATE_LABEL) as (keyof typeof DOCUMENT_STATE_LABEL)[]).map((k) => (
                      <option key={k} value={k}>
                        {DOCUMENT_STATE_LABEL[k]}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="Sesión o título" placeholder="por ejemplo, SEORD-03/2023" value={text} onChange={(e) => setText(e.target.value)} />
                <Field label="Firmante">
                  <select value={signer} onChange={(e) => setSigner(e.target.value)}>
                    <option value="">Cualquiera</option>
                    {signers.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              <DataTable rows={shown} columns={COLUMNS} rowKey={(d) => d.id} middle empty={list.length ? 'Ningún documento cumple el filtro.' : 'Aún no hay documentos generados.'} />
            </>
          );
        }}
      </Loaded>
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
