import { useEffect, useState } from 'react';
import type { BatchStatus } from '../../../src-shared/contract/calls.js';
import { messageOf } from '../../api/client.js';
import { pdfObjectUrl } from '../../api/download.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';


const KIND_LABEL = { acuse: 'Acuse de recibo', acta: 'Acta', informe: 'Informe', importado: 'Importado' } as const;

export function DocumentsPage() {
  const [docs, retry] = useLoad((call) => call('documents.list', {}), []);
  return (
    <section>
      <h1>Documentos</h1>
      <Status data={docs} retry={retry}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">Aún no hay documentos generados.</p>
          ) : (
            <table className="table table-middle">
              <thead>
                <tr>
                  <th scope="col">Documento</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Estado</th>
                  <th scope="col">Fecha</th>
                  <th scope="col">
                    <span className="sr-only">Archivo</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <a className="row-link row-link-text" href={href('documentos', d.id)}>
                        {d.title}
                      </a>
                    </td>
                    <td>{KIND_LABEL[d.kind]}</td>
                    <td>
                      <span className={`badge badge-${d.status}`}>{d.status}</span>
                    </td>
                    <td>{new Date(d.createdAt).toLocaleString('es-MX')}</td>
                    <td>
                      <DownloadButton id={d.id} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
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

/** One acknowledgement per applicant, all with the same authorized handwritten signature. */
function BatchStamp() {
  const call = useClient();
  const [signatures] = useLoad((c) => c('signatures.list', {}), []);
  const [signatureId, setSignatureId] = useState('');
  const [pin, setPin] = useState('');
  const [role, setRole] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<BatchStatus | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!job || job.state !== 'en-curso') return;
    const timer = setTimeout(() => {
      call('batch.status', { jobId: job.jobId }).then(setJob, (e: unknown) => setError(messageOf(e)));
    }, 300);
    return () => clearTimeout(timer);
  }, [call, job]);

  const start = async () => {
    setError('');
    if (!signatureId) return setError('Elija la firma autorizada.');
    if (!file) return setError('Elija el archivo CSV de solicitantes (columnas «folio» y «nombre»).');
    try {
      setJob(await call('batch.start', { signatureId, pin, signerRole: role, csv: await file.text() }));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const active = signatures.state === 'ready' ? signatures.value.filter((s) => s.status === 'activa') : [];
  const running = job?.state === 'en-curso';
  return (
    <div className="card">
      <h2>Firmar acuses en lote</h2>
      <p className="muted">Genera un acuse de recibo por solicitante, cada uno con la firma autorizada.</p>
      <div className="form-row">
        <label className="field">
          <span>Firma autorizada</span>
          <select value={signatureId} onChange={(e) => setSignatureId(e.target.value)}>
            <option value="">Elija…</option>
            {active.map((s) => (
              <option key={s.id} value={s.id}>
                {s.personName}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Cargo de quien firma</span>
          <input value={role} onChange={(e) => setRole(e.target.value)} />
        </label>
        <label className="field">
          <span>PIN</span>
          <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
        <label className="field">
          <span>Solicitantes (CSV)</span>
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
      </div>
      {error && <p className="text-error" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" className="button" onClick={start} disabled={running}>
          Generar lote
        </button>
        {running && (
          <button type="button" className="button-ghost" onClick={() => call('batch.cancel', { jobId: job.jobId }).then(setJob)}>
            Cancelar
          </button>
        )}
      </div>
      {job && (
        <div role="status" aria-live="polite">
          <progress className="batch-progress" max={job.total} value={job.done} aria-label="Avance del lote" />
          <p>
            {job.state === 'en-curso' && `Generando… ${job.done} de ${job.total} documentos (${job.seconds.toFixed(1)} s).`}
            {job.state === 'terminado' &&
              `Lote terminado: ${job.written} documento(s) generado(s), ${job.failed.length} con error, en ${job.seconds.toFixed(1)} s.`}
            {job.state === 'cancelado' && `Lote cancelado: se conservaron ${job.written} documento(s) ya generados.`}
            {job.state === 'error' && (job.error ?? 'El lote se detuvo por un error.')}
          </p>
          {job.state !== 'en-curso' && <p className="muted mono">Carpeta: {job.outDir}</p>}
          {job.failed.length > 0 && (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Folio</th>
                  <th scope="col">Motivo</th>
                </tr>
              </thead>
              <tbody>
                {job.failed.map((f, i) => (
                  <tr key={`${f.folio}-${i}`}>
                    <td>{f.folio || '—'}</td>
                    <td>{f.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
