import { useEffect, useState } from 'react';
import type { BatchStatus } from '../../../src-shared/contract/index.js';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { DataTable, Field, FileField, FormActions, FormError, useForm, type Column } from '../../kit/index.js';
import { ActiveSignatureSelect } from '../signatures/ActiveSignatureSelect.js';

const NO_FILE = 'Elija el archivo CSV de solicitantes (columnas «folio» y «nombre»).';

type Failure = BatchStatus['failed'][number];

const FAILURE_COLUMNS: Column<Failure>[] = [
  { key: 'folio', header: 'Folio', cell: (f) => f.folio || '—' },
  { key: 'reason', header: 'Motivo', cell: (f) => f.reason },
];

/** One acknowledgement per applicant, all with the same authorized handwritten signature. */
export function BatchStamp() {
  const call = useClient();
  const form = useForm({ signatureId: '', role: '', pin: '' });
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<BatchStatus | null>(null);
  const [pollError, setPollError] = useState('');

  useEffect(() => {
    if (!job || job.state !== 'en-curso') return;
    const timer = setTimeout(() => {
      call('batch.status', { jobId: job.jobId }).then(setJob, (e: unknown) => setPollError(messageOf(e)));
    }, 300);
    return () => clearTimeout(timer);
  }, [call, job]);

  const start = form.submit(async () => {
    const { signatureId, role, pin } = form.values;
    const draft = { signatureId, pin, signerRole: role, csv: file ? await file.text() : undefined };
    const args = form.check('batch.start', draft, {
      fields: { signerRole: 'role', csv: 'file' },
      messages: { signatureId: 'Elija la firma autorizada.', csv: file ? 'El archivo de solicitantes está vacío.' : NO_FILE },
    });
    if (!args) return;
    setPollError('');
    setJob(await call('batch.start', args));
  });

  const running = job?.state === 'en-curso';
  return (
    <form className="card" onSubmit={start}>
      <h2>Firmar acuses en lote</h2>
      <p className="muted">Genera un acuse de recibo por solicitante, cada uno con la firma autorizada.</p>
      <div className="form-row">
        <Field label="Firma autorizada" error={form.errors.signatureId}>
          <ActiveSignatureSelect value={form.values.signatureId} onChange={(v) => form.set('signatureId', v)} none="Elija…" />
        </Field>
        <Field label="Cargo de quien firma" {...form.field('role')} />
        <Field label="PIN" type="password" inputMode="numeric" autoComplete="off" {...form.field('pin')} />
        <FileField label="Solicitantes (CSV)" accept=".csv,text/csv" error={form.errors.file} onFile={setFile} />
      </div>
      <FormError error={form.error || pollError} />
      <FormActions submit="Generar lote" busy={form.busy} disabled={running}>
        {running && (
          <button
            type="button"
            className="button-ghost"
            onClick={() => call('batch.cancel', { jobId: job.jobId }).then(setJob, (e: unknown) => setPollError(messageOf(e)))}
          >
            Cancelar
          </button>
        )}
      </FormActions>
      {job && <BatchProgress job={job} />}
    </form>
  );
}

function BatchProgress({ job }: { job: BatchStatus }) {
  return (
    <div role="status" aria-live="polite">
      <progress className="batch-progress" max={job.total} value={job.done} aria-label="Avance del lote" />
      <p>
        {job.state === 'en-curso' && `Generando… ${job.done} de ${job.total} documentos (${job.seconds.toFixed(1)} s).`}
        {job.state === 'terminado' &&
          `Lote terminado: ${job.written} documento(s) generado(s), ${job.failed.length} con error, en ${job.seconds.toFixed(1)} s.`}
        {job.state === 'cancelado' && `Lote cancelado: se conservaron ${job.written} documento(s) ya generados.`}
        {job.state === 'error' && (job.error ?? 'El lote se detuvo por un error.')}
      </p>
      {job.state !== 'en-curso' && (
        <>
          <p>
            <a href="#/archivo">Ver y descargar el lote (ZIP) en el Archivo</a>
          </p>
          <p className="muted mono">Carpeta: {job.outDir}</p>
        </>
      )}
      {job.failed.length > 0 && <DataTable rows={job.failed} columns={FAILURE_COLUMNS} rowKey={(f, i) => `${f.folio}-${i}`} />}
    </div>
  );
}
