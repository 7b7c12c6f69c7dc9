import { useState } from 'react';
import type { DocumentSummary } from '../../../src-shared/contract/index.js';
import { DOCUMENT_KIND_LABEL, DOCUMENT_STATE_LABEL } from '../../../src-shared/format.js';
import { useClient } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Loaded } from '../../app/Status.js';
import { choices, DataTable, DownloadButton, Field, linkColumn, SelectField, statusColumn, type Column } from '../../kit/index.js';
import { BatchStamp } from './BatchStamp.js';

const STATES = choices(Object.keys(DOCUMENT_STATE_LABEL) as (keyof typeof DOCUMENT_STATE_LABEL)[], DOCUMENT_STATE_LABEL);

const COLUMNS: Column<DocumentSummary>[] = [
  linkColumn({ key: 'title', header: 'Documento', to: (d) => href('documentos', d.id), text: (d) => d.title }),
  { key: 'kind', header: 'Tipo', cell: (d) => DOCUMENT_KIND_LABEL[d.kind] },
  statusColumn(DOCUMENT_STATE_LABEL),
  {
    key: 'progress',
    header: 'Firmas',
    cell: (d) => (d.signers.length ? `${d.signers.filter((s) => s.status === 'firmado').length} de ${d.signers.length} firmas` : '—'),
  },
  { key: 'date', header: 'Fecha', cell: (d) => new Date(d.createdAt).toLocaleString('es-MX') },
  { key: 'file', header: 'Archivo', hiddenHeader: true, cell: (d) => <PdfDownload id={d.id} /> },
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
                <SelectField label="Estado" options={STATES} empty="Todos" value={status} onChange={(e) => setStatus(e.target.value)} />
                <Field label="Sesión o título" placeholder="por ejemplo, SEORD-03/2023" value={text} onChange={(e) => setText(e.target.value)} />
                <SelectField label="Firmante" options={signers.map((n) => ({ value: n, label: n }))} empty="Cualquiera" value={signer} onChange={(e) => setSigner(e.target.value)} />
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

function PdfDownload({ id }: { id: string }) {
  const call = useClient();
  return (
    <DownloadButton mime="application/pdf" fetch={() => call('documents.pdf', { id })}>
      Descargar PDF
    </DownloadButton>
  );
}
