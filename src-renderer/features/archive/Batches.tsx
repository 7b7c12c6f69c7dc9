import type { BatchSummary } from '../../../src-shared/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { Loaded } from '../../app/Status.js';
import { DataTable, DownloadButton, type Column } from '../../kit/index.js';

const centralTime = (iso: string) => new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' });

/** Batches of signed acknowledgements: one row each, downloadable as one ZIP. */
export function Batches() {
  const call = useClient();
  const columns: Column<BatchSummary>[] = [
    { key: 'title', header: 'Lote', cell: (b) => b.title },
    { key: 'signer', header: 'Firma', cell: (b) => b.signerName },
    { key: 'date', header: 'Fecha', cell: (b) => centralTime(b.createdAt) },
    {
      key: 'count',
      header: 'Documentos',
      className: 'num',
      cell: (b) => `${b.written}${b.failed ? ` (${b.failed} con error)` : ''}${b.cancelled ? ' — cancelado' : ''}`,
    },
    {
      key: 'zip',
      header: 'Descargar',
      hiddenHeader: true,
      cell: (b) => (
        <DownloadButton mime="application/zip" aria-label={`Descargar ZIP de ${b.title}`} fetch={() => call('archive.batchZip', { jobId: b.jobId })}>
          Descargar ZIP
        </DownloadButton>
      ),
    },
  ];
  return (
    <>
      <h2>Lotes de acuses de recibo</h2>
      <Loaded load={(c) => c('archive.batches', {})}>
        {(rows) => <DataTable rows={rows} columns={columns} rowKey={(b) => b.jobId} middle empty="Aún no hay lotes firmados." />}
      </Loaded>
    </>
  );
}
