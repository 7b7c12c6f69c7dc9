import { useState } from 'react';
import type { ArchiveEntry, ArchiveFilter } from '../../../src-shared/contract/index.js';
import { DOCUMENT_KIND_LABEL, DOCUMENT_STATE_LABEL } from '../../../src-shared/format.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';
import { choices, CommissionSelect, DataTable, DownloadButton, Field, FormActions, linkColumn, SelectField, statusColumn, type Column } from '../../kit/index.js';
import { Batches } from './Batches.js';
import { BatchPrint } from './BatchPrint.js';
import { SessionFile } from './SessionFile.js';

const EMPTY = { text: '', kind: '', commissionId: '', sessionId: '', status: '', signer: '', from: '', to: '' };
type Filters = typeof EMPTY;
const KINDS = choices(Object.keys(DOCUMENT_KIND_LABEL) as (keyof typeof DOCUMENT_KIND_LABEL)[], DOCUMENT_KIND_LABEL);
const STATES = choices(Object.keys(DOCUMENT_STATE_LABEL) as (keyof typeof DOCUMENT_STATE_LABEL)[], DOCUMENT_STATE_LABEL);

function toFilter(f: Filters): ArchiveFilter {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v.trim()) out[k] = v.trim();
  return out as ArchiveFilter;
}

/** Every generated, imported and signed document: filters, full-text search, downloads, printing. */
export function ArchivePage() {
  const call = useClient();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [printing, setPrinting] = useState(false);
  const [rows, retry] = useLoad((c) => c('archive.list', toFilter(applied)), [JSON.stringify(applied)]);
  const [commissions] = useLoad((c) => c('commissions.list', {}), []);
  const [sessions] = useLoad((c) => c('sessions.list', {}), []);
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const columns: Column<ArchiveEntry>[] = [
    {
      key: 'pick',
      header: 'Seleccionar',
      hiddenHeader: true,
      cell: (d) => <input type="checkbox" aria-label={`Seleccionar ${d.title}`} checked={selected.has(d.id)} onChange={() => toggle(d.id)} />,
    },
    linkColumn({ key: 'title', header: 'Documento', to: (d) => href('archivo', d.id), text: (d) => d.title, below: (d) => d.excerpt && <div className="muted excerpt">{d.excerpt}</div> }),
    { key: 'kind', header: 'Tipo', cell: (d) => DOCUMENT_KIND_LABEL[d.kind] },
    { key: 'commission', header: 'Comisión', cell: (d) => d.commission?.acronym ?? '—' },
    { key: 'session', header: 'Sesión', cellClassName: 'mono', cell: (d) => d.session?.key ?? '—' },
    { key: 'date', header: 'Fecha', cell: (d) => d.session?.date ?? d.createdAt.slice(0, 10) },
    {
      key: 'signers',
      header: 'Firmantes',
      cell: (d) => {
        const signed = d.signers.filter((s) => s.status === 'firmado').length;
        return d.signers.length ? `${signed} de ${d.signers.length}: ${d.signers.map((s) => s.name).join('; ')}` : '—';
      },
    },
    statusColumn(DOCUMENT_STATE_LABEL),
    { key: 'prints', header: 'Impresiones', className: 'num', cell: (d) => d.prints },
  ];
  const ids = [...selected];
  return (
    <section>
      <header className="page-header">
        <h1>Archivo de documentos</h1>
      </header>
      <form
        className="card"
        role="search"
        aria-label="Buscar en el archivo"
        onSubmit={(e) => {
          e.preventDefault();
          setSelected(new Set());
          setApplied(draft);
        }}
      >
        <div className="form-row">
          <Field label="Buscar en el texto, título o firmantes" type="search" placeholder="p. ej. ARELLANO o «orden del día»" value={draft.text} onChange={set('text')} />
          <Field label="Firmante" value={draft.signer} onChange={set('signer')} />
        </div>
        <div className="form-row">
          <SelectField label="Tipo" options={KINDS} empty="Todos" value={draft.kind} onChange={set('kind')} />
          <CommissionSelect short commissions={commissions.state === 'ready' ? commissions.value : []} empty="Todas" value={draft.commissionId} onChange={set('commissionId')} />
          <SelectField
            label="Sesión"
            options={sessions.state === 'ready' ? sessions.value.map((x) => ({ value: x.id, label: x.key })) : []}
            empty="Todas"
            value={draft.sessionId}
            onChange={set('sessionId')}
          />
          <SelectField label="Estado" options={STATES} empty="Todos" value={draft.status} onChange={set('status')} />
          <Field label="Desde" type="date" value={draft.from} onChange={set('from')} />
          <Field label="Hasta" type="date" value={draft.to} onChange={set('to')} />
        </div>
        <FormActions
          submit="Buscar"
          cancelLabel="Limpiar filtros"
          onCancel={() => {
            setDraft(EMPTY);
            setApplied(EMPTY);
          }}
        />
      </form>
      <div className="actions">
        <DownloadButton mime="application/zip" disabled={!ids.length} fetch={() => call('archive.zip', { ids })}>
          Descargar selección (ZIP)
        </DownloadButton>
        <button type="button" className="button-ghost" disabled={!ids.length} onClick={() => setPrinting((p) => !p)}>
          Imprimir selección…
        </button>
        <span className="muted">{ids.length ? `${ids.length} seleccionado(s)` : 'Seleccione documentos para descargarlos o imprimirlos juntos.'}</span>
      </div>
      {printing && ids.length > 0 && <BatchPrint ids={ids} onDone={retry} />}
      {applied.sessionId && sessions.state === 'ready' && (
        <SessionFile sessionId={applied.sessionId} sessionKey={sessions.value.find((s) => s.id === applied.sessionId)?.key ?? ''} />
      )}
      <Status data={rows} retry={retry}>
        {(list) => (
          <>
            <p className="muted" role="status">
              {list.length === 1 ? '1 documento' : `${list.length} documentos`}
            </p>
            <DataTable rows={list} columns={columns} rowKey={(d) => d.id} middle empty="Ningún documento coincide con la búsqueda." />
          </>
        )}
      </Status>
      <Batches />
    </section>
  );
}
