import { useEffect, useMemo, useState } from 'react';
import type { DocumentSummary, ImportReportRow } from '../../../src-shared/contract/calls.js';
import { pdfObjectUrl } from '../../api/download.js';
import type { SignatureCapture } from '../../../src-shared/domain/index.js';
import { messageOf } from '../../api/client.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';
import { useUi } from '../../app/ui-store.js';
import { CertificatesSection } from '../certificates/CertificatesSection.js';
import { InkPreview } from './InkPreview.js';
import { SignatureCapturePad } from './SignatureCapturePad.js';

interface Signed {
  document: DocumentSummary;
  strokes: { x: number[]; y: number[] }[];
  personName: string;
  role: string;
}

function SignedDocument({ signed }: { signed: Signed }) {
  const [pdf] = useLoad((call) => call('documents.pdf', { id: signed.document.id }), [signed.document.id]);
  const href = useMemo(() => (pdf.state === 'ready' ? pdfObjectUrl(pdf.value.base64) : ''), [pdf]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <div className="card">
      <h2>Documento firmado</h2>
      <p>{signed.document.title}</p>
      <InkPreview strokes={signed.strokes} name={signed.personName} role={signed.role} />
      {pdf.state === 'ready' && (
        <a className="button link-button" href={href} download={pdf.value.fileName}>
          Descargar PDF
        </a>
      )}
    </div>
  );
}


export function SignaturesPage() {
  const [vault, retryVault] = useLoad((call) => call('vault.status', {}), []);
  return (
    <section>
      <h1>Firmas</h1>
      <Status data={vault} retry={retryVault}>
        {(status) =>
          status.unlocked ? (
            <>
              <Vault />
              <CertificatesSection />
            </>
          ) : (
            <Unlock onDone={retryVault} />
          )
        }
      </Status>
    </section>
  );
}

function Unlock({ onDone }: { onDone: () => void }) {
  const call = useClient();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        call('vault.unlock', { passphrase }).then(onDone, (err: unknown) => setError(messageOf(err)));
      }}
    >
      <h2>Desbloquear el almacén de firmas</h2>
      <p className="muted">
        Las firmas se guardan cifradas. En este equipo la clave se protege con una frase de acceso; la primera vez, la frase que
        escriba quedará establecida.
      </p>
      <label className="field">
        <span>Frase de acceso</span>
        <input type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </label>
      {error && <p className="text-error" role="alert">{error}</p>}
      <button type="submit" className="button">
        Desbloquear
      </button>
    </form>
  );
}

function Vault() {
  const [list, retry] = useLoad((call) => call('signatures.list', {}), []);
  const [mode, setMode] = useState<'list' | 'enroll' | 'import' | 'fresh'>('list');
  const [using, setUsing] = useState<{ id: string; personName: string } | null>(null);
  const [used, setUsed] = useState<Signed | null>(null);
  const [changing, setChanging] = useState<{ id: string; personName: string } | null>(null);
  const done = () => {
    setMode('list');
    retry();
  };
  if (mode === 'enroll') return <Enroll onDone={done} onCancel={() => setMode('list')} />;
  if (mode === 'import') return <Import onDone={done} />;
  if (mode === 'fresh') return <FreshSignature onCancel={() => setMode('list')} />;
  return (
    <>
      <div className="actions">
        <button type="button" className="button" onClick={() => setMode('enroll')}>
          Registrar firma
        </button>
        <button type="button" className="button-ghost" onClick={() => setMode('import')}>
          Importar firmas anteriores
        </button>
        <button type="button" className="button-ghost" onClick={() => setMode('fresh')}>
          Firmar un acuse con una captura nueva
        </button>
      </div>
      <Status data={list} retry={retry}>
        {(signatures) =>
          signatures.length === 0 ? (
            <p className="muted">Aún no hay firmas registradas.</p>
          ) : (
            <table className="table table-middle">
              <thead>
                <tr>
                  <th scope="col">Persona</th>
                  <th scope="col">Origen</th>
                  <th scope="col">Trazos</th>
                  <th scope="col">Usos</th>
                  <th scope="col">Estado</th>
                  <th scope="col">
                    <span className="sr-only">Acciones</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {signatures.map((s) => (
                  <tr key={s.id}>
                    <td>{s.personName}</td>
                    <td>{s.source === 'captura' ? 'Captura en pantalla' : 'Importada'}</td>
                    <td>{s.strokeCount}</td>
                    <td>{s.useCount}</td>
                    <td>
                      <span className={`badge badge-${s.status}`}>{s.status}</span>
                    </td>
                    <td className="row-actions">
                      <button type="button" className="button-ghost" disabled={s.status !== 'activa'} onClick={() => setUsing(s)}>
                        Usar en documento
                      </button>
                      <button type="button" className="button-ghost" disabled={s.status !== 'activa'} onClick={() => setChanging(s)}>
                        Cambiar PIN
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Status>
      {using && (
        <UseSignature
          target={using}
          onClose={() => setUsing(null)}
          onUsed={(u) => {
            setUsing(null);
            setUsed(u);
            retry();
          }}
        />
      )}
      {used && <SignedDocument signed={used} />}
      {changing && <ChangePin target={changing} onClose={() => setChanging(null)} />}
    </>
  );
}

function Enroll({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const [commissions] = useLoad((c) => c('commissions.list', {}), []);
  const [personName, setPersonName] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [capture, setCapture] = useState<SignatureCapture | null>(null);
  const [error, setError] = useState('');
  const members =
    commissions.state === 'ready'
      ? [...new Set(commissions.value.flatMap((c) => c.members.map((m) => `${m.title ? `${m.title} ` : ''}${m.name}`)))].sort()
      : [];
  const save = () => {
    if (!personName.trim()) return setError('Indique el nombre de la persona que firma.');
    if (!/^\d{4,8}$/.test(pin)) return setError('El PIN debe tener de 4 a 8 dígitos.');
    if (pin !== pin2) return setError('Los dos PIN no coinciden.');
    if (!capture) return setError('La firma está vacía: trace su firma antes de guardarla.');
    call('signatures.enroll', { personName: personName.trim(), pin, capture }).then(
      (s) => {
        notify({ kind: 'ok', text: `Firma de ${s.personName} registrada y cifrada.` });
        onDone();
      },
      (e: unknown) => setError(messageOf(e)),
    );
  };
  return (
    <div className="card">
      <h2>Registrar firma autógrafa</h2>
      <div className="form-row">
        <label className="field">
          <span>Persona que firma</span>
          <input list="sesiona-members" value={personName} onChange={(e) => setPersonName(e.target.value)} placeholder="Nombre completo" />
          <datalist id="sesiona-members">
            {members.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>PIN (4 a 8 dígitos)</span>
          <input type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
        <label className="field">
          <span>Confirme el PIN</span>
          <input type="password" inputMode="numeric" autoComplete="new-password" value={pin2} onChange={(e) => setPin2(e.target.value)} />
        </label>
      </div>
      <SignatureCapturePad signerName={personName} onChange={setCapture} />
      {error && <p className="text-error" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" className="button" onClick={save}>
          Guardar firma
        </button>
        <button type="button" className="button-ghost" onClick={onCancel}>
          Cancelar
        </button>
      </div>
    </div>
  );
}

function UseSignature({
  target,
  onClose,
  onUsed,
}: {
  target: { id: string; personName: string };
  onClose: () => void;
  onUsed: (u: Signed) => void;
}) {
  const call = useClient();
  const [pin, setPin] = useState('');
  const [folio, setFolio] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        call('documents.acknowledge', { signatureId: target.id, pin, folio, name, signerRole: role }).then(
          (r) => onUsed({ ...r, personName: target.personName, role }),
          (err: unknown) => setError(messageOf(err)),
        );
      }}
    >
      <h2>Firmar un acuse de recibo con la firma de {target.personName}</h2>
      <p className="muted">El uso queda registrado en la bitácora. Se requiere el PIN de la persona titular.</p>
      <div className="form-row">
        <label className="field">
          <span>Folio</span>
          <input value={folio} onChange={(e) => setFolio(e.target.value)} placeholder="p. ej. IOD-2023-0001" />
        </label>
        <label className="field">
          <span>Nombre de la persona solicitante</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Cargo de quien firma</span>
          <input value={role} onChange={(e) => setRole(e.target.value)} placeholder="p. ej. Consejera Presidenta" />
        </label>
        <label className="field">
          <span>PIN</span>
          <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
      </div>
      {error && <p className="text-error" role="alert">{error}</p>}
      <div className="actions">
        <button type="submit" className="button">
          Confirmar
        </button>
        <button type="button" className="button-ghost" onClick={onClose}>
          Cancelar
        </button>
      </div>
    </form>
  );
}

function Import({ onDone }: { onDone: () => void }) {
  const call = useClient();
  const [file, setFile] = useState<File | null>(null);
  const [pin, setPin] = useState('');
  const [report, setReport] = useState<ImportReportRow[] | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setError('');
    if (!file) return setError('Elija un archivo CSV o JSON.');
    const format = file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
    setBusy(true);
    try {
      setReport(await call('signatures.import', { format, content: await file.text(), pin }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const imported = report?.filter((r) => r.status === 'importada').length ?? 0;
  return (
    <div className="card">
      <h2>Importar firmas del sistema anterior</h2>
      <p className="muted">
        Archivo CSV (columnas «nombre» y «firma») o JSON con firmas en formato jSignature base30. Cada firma importada queda
        protegida con el PIN que indique; la persona titular debe conocerlo.
      </p>
      <div className="form-row">
        <label className="field">
          <span>Archivo</span>
          <input type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="field">
          <span>PIN para las firmas importadas</span>
          <input type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
      </div>
      {error && <p className="text-error" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" className="button" onClick={run} disabled={busy}>
          {busy ? 'Importando…' : 'Importar'}
        </button>
        <button type="button" className="button-ghost" onClick={onDone}>
          Volver
        </button>
      </div>
      {report && (
        <>
          <p role="status">
            {imported} importada(s), {report.length - imported} rechazada(s).
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Fila</th>
                <th scope="col">Persona</th>
                <th scope="col">Resultado</th>
                <th scope="col">Motivo</th>
              </tr>
            </thead>
            <tbody>
              {report.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{r.personName || '—'}</td>
                  <td>
                    <span className={`badge badge-${r.status}`}>{r.status === 'importada' ? 'Importada' : 'Rechazada'}</span>
                  </td>
                  <td>{r.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** Signs one acknowledgement with a capture made for it alone; nothing is enrolled. */
function FreshSignature({ onCancel }: { onCancel: () => void }) {
  const call = useClient();
  const [signerName, setSignerName] = useState('');
  const [role, setRole] = useState('');
  const [folio, setFolio] = useState('');
  const [name, setName] = useState('');
  const [capture, setCapture] = useState<SignatureCapture | null>(null);
  const [signed, setSigned] = useState<Signed | null>(null);
  const [error, setError] = useState('');
  if (signed) return <SignedDocument signed={signed} />;
  return (
    <div className="card">
      <h2>Firmar un acuse con una captura nueva</h2>
      <p className="muted">La firma se dibuja solo para este documento y no se guarda en el almacén.</p>
      <div className="form-row">
        <label className="field">
          <span>Quién firma</span>
          <input value={signerName} onChange={(e) => setSignerName(e.target.value)} />
        </label>
        <label className="field">
          <span>Cargo de quien firma</span>
          <input value={role} onChange={(e) => setRole(e.target.value)} />
        </label>
        <label className="field">
          <span>Folio</span>
          <input value={folio} onChange={(e) => setFolio(e.target.value)} />
        </label>
        <label className="field">
          <span>Nombre de la persona solicitante</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>
      <SignatureCapturePad signerName={signerName} onChange={setCapture} />
      {error && <p className="text-error" role="alert">{error}</p>}
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            if (!capture) return setError('La firma está vacía: trace su firma antes de firmar.');
            call('documents.acknowledgeFresh', { signerName, signerRole: role, folio, name, capture }).then(
              (r) => setSigned({ ...r, personName: signerName, role }),
              (e: unknown) => setError(messageOf(e)),
            );
          }}
        >
          Firmar acuse
        </button>
        <button type="button" className="button-ghost" onClick={onCancel}>
          Cancelar
        </button>
      </div>
    </div>
  );
}

function ChangePin({ target, onClose }: { target: { id: string; personName: string }; onClose: () => void }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const [pin, setPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [newPin2, setNewPin2] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        if (newPin !== newPin2) return setError('Los dos PIN nuevos no coinciden.');
        call('signatures.changePin', { id: target.id, pin, newPin }).then(
          () => {
            notify({ kind: 'ok', text: `PIN de la firma de ${target.personName} actualizado.` });
            onClose();
          },
          (err: unknown) => setError(messageOf(err)),
        );
      }}
    >
      <h2>Cambiar el PIN de la firma de {target.personName}</h2>
      <div className="form-row">
        <label className="field">
          <span>PIN actual</span>
          <input type="password" inputMode="numeric" autoComplete="current-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
        <label className="field">
          <span>PIN nuevo (4 a 8 dígitos)</span>
          <input type="password" inputMode="numeric" autoComplete="new-password" value={newPin} onChange={(e) => setNewPin(e.target.value)} />
        </label>
        <label className="field">
          <span>Confirme el PIN nuevo</span>
          <input type="password" inputMode="numeric" autoComplete="new-password" value={newPin2} onChange={(e) => setNewPin2(e.target.value)} />
        </label>
      </div>
      {error && <p className="text-error" role="alert">{error}</p>}
      <div className="actions">
        <button type="submit" className="button">
          Cambiar PIN
        </button>
        <button type="button" className="button-ghost" onClick={onClose}>
          Cancelar
        </button>
      </div>
    </form>
  );
}
