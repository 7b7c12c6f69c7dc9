import { useState } from 'react';
import type { DocumentSummary, PrintCheck, SignatureCheck, VerificationReport } from '../../../src-shared/contract/calls.js';
import { CallFailed, messageOf } from '../../api/client.js';
import { CREDENTIAL_KINDS, useCredentialFiles } from '../certificates/CredentialFiles.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Status } from '../../app/Status.js';
import { useUi } from '../../app/ui-store.js';



const STATUS_LABEL = { pendiente: 'Pendiente', firmado: 'Firmado', rechazado: 'Rechazó firmar' } as const;

export function DocumentDetailPage({ id }: { id: string }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const [doc, retry] = useLoad((c) => c('documents.get', { id }), [id]);
  const [report, setReport] = useState<VerificationReport | { error: string } | null>(null);
  const [settings] = useLoad((c) => c('settings.get', {}), []);
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
      <a className="back" href={href('documentos')}>
        ← Documentos
      </a>
      <Status data={doc} retry={retry}>
        {(d) => {
          const next = d.signers.find((s) => s.status === 'pendiente');
          return (
            <>
              <header className="page-header">
                <h1>{d.title}</h1>
                <span className={`badge badge-${d.status}`}>{d.status}</span>
              </header>
              {d.status === 'borrador' && (
                <div className="card">
                  <p>El documento debe bloquearse antes de la primera firma; después ya no puede modificarse.</p>
                  <button type="button" className="button" onClick={() => act(call('documents.lock', { id }), 'Documento bloqueado para firma.')}>
                    Bloquear para firma
                  </button>
                </div>
              )}
              <h2>Firmantes, en orden de firma</h2>
              <table className="table table-middle">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Nombre</th>
                    <th scope="col">Cargo</th>
                    <th scope="col">Estado</th>
                    <th scope="col">Certificado</th>
                    {d.status === 'borrador' && (
                      <th scope="col">
                        <span className="sr-only">Orden</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {d.signers.map((s, i) => (
                    <tr key={s.memberId}>
                      <td>{i + 1}</td>
                      <td>{s.name}</td>
                      <td>{s.role}</td>
                      <td>
                        <span className={`badge badge-${s.status}`}>{STATUS_LABEL[s.status]}</span>
                        {s.status === 'firmado' && s.timestamped === false && <div className="muted">Sin sello de tiempo</div>}
                        {s.refusal && <div className="muted">{s.refusal}</div>}
                      </td>
                      <td className="mono">{s.certificateNumber ?? ''}</td>
                      {d.status === 'borrador' && (
                        <td className="order-buttons">
                          {[-1, 1].map((delta) => {
                            const j = i + delta;
                            const label = delta < 0 ? `Subir a ${s.name}` : `Bajar a ${s.name}`;
                            return (
                              <button
                                key={delta}
                                type="button"
                                className="button-ghost"
                                aria-label={label}
                                title={label}
                                disabled={j < 0 || j >= d.signers.length}
                                onClick={() => {
                                  const ids = d.signers.map((x) => x.memberId);
                                  [ids[i], ids[j]] = [ids[j]!, ids[i]!];
                                  act(call('documents.setOrder', { id, memberIds: ids }), 'Orden de firma actualizado.');
                                }}
                              >
                                {delta < 0 ? '↑' : '↓'}
                              </button>
                            );
                          })}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
              {d.status === 'bloqueado' && next && <SignForm doc={d} signer={next} onDone={(text) => act(Promise.resolve(), text)} />}
              <div className="actions">
                <button
                  type="button"
                  className="button-ghost"
                  onClick={() => call('documents.verify', { id }).then(setReport, (e: unknown) => setReport({ error: messageOf(e) }))}
                >
                  Verificar firmas
                </button>
                {settings.state === 'ready' &&
                  settings.value.tsaUrl &&
                  d.signers.some((s) => s.status === 'firmado' && s.timestamped === false) &&
                  d.documentTimestamps.length === 0 && (
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
                <p className="muted">Sello de tiempo del documento: {d.documentTimestamps.map((t) => new Date(t).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' })).join(', ')} (hora del centro).</p>
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

function SignForm({ doc, signer, onDone }: { doc: DocumentSummary; signer: DocumentSummary['signers'][number]; onDone: (text: string) => void }) {
  const call = useClient();
  const [signatures] = useLoad((c) => c('signatures.list', {}), []);
  const [certs] = useLoad((c) => c('certificates.list', {}), []);
  const [kind, setKind] = useState<string>('sat');
  const files = useCredentialFiles(kind);
  const [password, setPassword] = useState('');
  const [signatureId, setSignatureId] = useState('');
  const [pin, setPin] = useState('');
  const [refusal, setRefusal] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const sign = async () => {
    setError('');
    setBusy(true);
    try {
      const credentials = kind === 'sat' || kind === 'p12' ? await files.read() : { kind: 'stored' as const, certificateId: kind };
      await call('documents.sign', {
        id: doc.id,
        memberId: signer.memberId,
        credentials,
        password,
        ...(signatureId ? { handwritten: { signatureId, pin } } : {}),
      });
      onDone(`Firma de ${signer.name} aplicada.`);
    } catch (e) {
      setError(e instanceof Error && !(e instanceof CallFailed) ? e.message : messageOf(e));
    } finally {
      setBusy(false);
      setPassword('');
    }
  };
  const active = signatures.state === 'ready' ? signatures.value.filter((s) => s.status === 'activa') : [];
  return (
    <div className="card">
      <h2>Firma de {signer.name}</h2>
      <p className="muted">{signer.role}. La contraseña solo se usa para esta firma y no se guarda.</p>
      <div className="form-row">
        <label className="field">
          <span>Tipo de certificado</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            {CREDENTIAL_KINDS}
            {certs.state === 'ready' &&
              certs.value
                .filter((c) => c.keyKept)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    Certificado guardado: {c.info.subjectName} ({c.info.certificateNumber})
                  </option>
                ))}
          </select>
        </label>
        {files.inputs}
        <label className="field">
          <span>Contraseña de la clave privada</span>
          <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
      </div>
      <div className="form-row">
        <label className="field">
          <span>Firma autógrafa en el recuadro</span>
          <select value={signatureId} onChange={(e) => setSignatureId(e.target.value)}>
            <option value="">Sin firma autógrafa</option>
            {active.map((s) => (
              <option key={s.id} value={s.id}>
                {s.personName}
              </option>
            ))}
          </select>
        </label>
        {signatureId && (
          <label className="field">
            <span>PIN de la firma autógrafa</span>
            <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
        )}
      </div>
      {error && <p className="text-error" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" className="button" onClick={sign} disabled={busy}>
          {busy ? 'Firmando…' : 'Firmar'}
        </button>
      </div>
      <details>
        <summary className="summary-touch">Rechazar firmar</summary>
        <div className="form-row">
          <label className="field">
            <span>Motivo</span>
            <input value={refusal} onChange={(e) => setRefusal(e.target.value)} />
          </label>
        </div>
        <button
          type="button"
          className="button-ghost"
          onClick={() =>
            call('documents.refuse', { id: doc.id, memberId: signer.memberId, reason: refusal }).then(
              () => onDone(`${signer.name} rechazó firmar; queda registrado.`),
              (e: unknown) => setError(messageOf(e)),
            )
          }
        >
          Registrar rechazo
        </button>
      </details>
    </div>
  );
}

const VERDICTS: Record<SignatureCheck['verdict'], { label: string; tone: string }> = {
  valid: { label: 'Válida', tone: 'text-ok' },
  untrusted: { label: 'Íntegra, pero de un emisor no confiable', tone: 'text-warn' },
  modified: { label: 'Modificado después de firmar', tone: 'text-error' },
  invalid: { label: 'Inválida', tone: 'text-error' },
};

function verificationHeading(report: VerificationReport): { text: string; tone: string } {
  if (report.allValid) return { text: 'Todas las firmas son válidas', tone: '' };
  if (report.allIntact) return { text: 'Las firmas están íntegras, pero hay emisores no confiables', tone: 'text-warn' };
  return { text: 'Hay firmas con problemas', tone: 'text-error' };
}

export function Verification({ report }: { report: VerificationReport | { error: string } }) {
  if ('error' in report) return <p className="text-error" role="alert">{report.error}</p>;
  if (!report.isSignedPdf) return <p className="muted" role="status">El documento aún no tiene firmas electrónicas.</p>;
  const heading = verificationHeading(report);
  return (
    <div className="card" role="region" aria-label="Verificación de firmas">
      <h2 className={heading.tone}>{heading.text}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Firmante</th>
            <th scope="col">RFC</th>
            <th scope="col">Certificado</th>
            <th scope="col">Fecha y hora</th>
            <th scope="col">Resultado</th>
            <th scope="col">Cadena de confianza</th>
          </tr>
        </thead>
        <tbody>
          {report.signatures.map((s) => (
            <tr key={s.fieldName}>
              <td>{s.signerName ?? '—'}</td>
              <td className="mono">{s.rfc ?? '—'}</td>
              <td className="mono">{s.certificateNumber ?? '—'}</td>
              <td>{s.signingTime ? `${new Date(s.signingTime).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' })} (hora del centro)` : '—'}</td>
              <td>
                <span className={VERDICTS[s.verdict].tone}>{VERDICTS[s.verdict].label}</span>
                {s.modifications.length > 0 && (
                  <ul className="muted">
                    {s.modifications.slice(0, 5).map((m, i) => (
                      <li key={i}>{`${m.object ? `Objeto ${m.object}` : 'Archivo'}${m.page ? `, página ${m.page}` : ''}: ${m.description}`}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{s.chainTrusted === null ? 'Sin raíces de confianza' : s.chainTrusted ? 'Confiable' : 'No confiable'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Someone holding a printed copy types (or scans) its QR text; the app says whether it matches. */
function PrintedCopyCheck({ id, payload }: { id: string; payload: string }) {
  const call = useClient();
  const [text, setText] = useState('');
  const [result, setResult] = useState<PrintCheck | { error: string } | null>(null);
  return (
    <div className="card">
      <h2>Comprobar una copia impresa</h2>
      <p className="muted">
        La última página lleva la cadena original, el sello y un código QR. Lea el código de la copia y compárelo con este documento.
        Código de este documento: <span className="mono">{payload}</span>
      </p>
      <div className="form-row">
        <label className="field">
          <span>Contenido del código QR de la copia</span>
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder="SESIONA|1|…" />
        </label>
      </div>
      <button
        type="button"
        className="button-ghost"
        onClick={() => call('documents.verifyPrint', { id, payload: text }).then(setResult, (e: unknown) => setResult({ error: messageOf(e) }))}
      >
        Comprobar copia
      </button>
      {result && (
        <div role="status">
          {'error' in result ? (
            <p className="text-error">{result.error}</p>
          ) : result.matches ? (
            <p className="text-ok">La copia impresa corresponde al documento firmado ({result.signatures} firma(s) válidas, sello válido).</p>
          ) : (
            <>
              <p className="text-error">La copia impresa NO corresponde al documento firmado.</p>
              <ul>
                {result.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
