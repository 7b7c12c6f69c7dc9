import { useState } from 'react';
import { CallFailed, messageOf } from '../../api/client.js';
import { CREDENTIAL_KINDS, useCredentialFiles } from './CredentialFiles.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';

const day = (iso: string) => new Date(iso).toLocaleDateString('es-MX', { timeZone: 'America/Mexico_City', dateStyle: 'long' });

/** e.firma and PKCS#12 certificates: import, see what they say, choose whether to keep the key. */
export function CertificatesSection() {
  const call = useClient();
  const [list, retry] = useLoad((c) => c('certificates.list', {}), []);
  const [kind, setKind] = useState<'sat' | 'p12'>('sat');
  const files = useCredentialFiles(kind);
  const [password, setPassword] = useState('');
  const [keepKey, setKeepKey] = useState(true);
  const [error, setError] = useState('');
  const submit = async () => {
    setError('');
    try {
      await call('certificates.import', { credentials: await files.read(), password, keepKey });
      setPassword('');
      retry();
    } catch (e) {
      setError(e instanceof CallFailed ? e.message : e instanceof Error ? e.message : messageOf(e));
    }
  };
  return (
    <>
      <h2>Certificados de firma electrónica</h2>
      <Status data={list} retry={retry}>
        {(certs) =>
          certs.length === 0 ? (
            <p className="muted">Aún no hay certificados importados.</p>
          ) : (
            <div className="cert-list">
              {certs.map((c) => (
                <div key={c.id} className="card cert" aria-label={`Certificado de ${c.info.subjectName}`}>
                  <h3>{c.info.subjectName}</h3>
                  <dl className="facts">
                    <dt>RFC</dt>
                    <dd className="mono">{c.info.rfc ?? '—'}</dd>
                    <dt>CURP</dt>
                    <dd className="mono">{c.info.curp ?? '—'}</dd>
                    <dt>Número de certificado</dt>
                    <dd className="mono">{c.info.certificateNumber}</dd>
                    <dt>Emisor</dt>
                    <dd>{c.info.issuerName}</dd>
                    <dt>Vigencia</dt>
                    <dd>
                      del {day(c.info.notBefore)} al {day(c.info.notAfter)}
                    </dd>
                    <dt>Clave privada</dt>
                    <dd>{c.keyKept ? 'Guardada cifrada en este equipo' : 'No guardada: se pide el archivo al firmar'}</dd>
                  </dl>
                  {c.warning && (
                    <p className={c.validity === 'valid' ? 'notice notice-ok' : 'notice notice-error'} role="note">
                      {c.warning}
                    </p>
                  )}
                </div>
              ))}
            </div>
          )
        }
      </Status>
      <div className="card">
        <h3>Importar certificado</h3>
        <div className="form-row">
          <label className="field">
            <span>Tipo</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as 'sat' | 'p12')}>
              {CREDENTIAL_KINDS}
            </select>
          </label>
          {files.inputs}
          <label className="field">
            <span>Contraseña de la clave privada</span>
            <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
        </div>
        <label className="toggle">
          <input type="checkbox" checked={keepKey} onChange={(e) => setKeepKey(e.target.checked)} />
          <span>Guardar la clave privada cifrada en este equipo (la contraseña nunca se guarda)</span>
        </label>
        {error && <p className="text-error" role="alert">{error}</p>}
        <div className="actions">
          <button type="button" className="button" onClick={submit}>
            Importar certificado
          </button>
        </div>
      </div>
    </>
  );
}
