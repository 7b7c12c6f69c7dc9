import { useState } from 'react';
import { CallFailed } from '../../api/client.js';
import { fileBase64 } from '../../api/files.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';

const messageOf = (e: unknown) => (e instanceof CallFailed ? e.message : 'La operación no se completó.');
const day = (iso: string) => new Date(iso).toLocaleDateString('es-MX', { timeZone: 'America/Mexico_City', dateStyle: 'long' });

/** e.firma and PKCS#12 certificates: import, see what they say, choose whether to keep the key. */
export function CertificatesSection() {
  const call = useClient();
  const [list, retry] = useLoad((c) => c('certificates.list', {}), []);
  const [kind, setKind] = useState<'sat' | 'p12'>('sat');
  const [cer, setCer] = useState<File | null>(null);
  const [key, setKey] = useState<File | null>(null);
  const [p12, setP12] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [keepKey, setKeepKey] = useState(true);
  const [error, setError] = useState('');
  const submit = async () => {
    setError('');
    try {
      if (kind === 'sat' && (!cer || !key)) throw new Error('Elija su certificado (.cer) y su clave privada (.key).');
      if (kind === 'p12' && !p12) throw new Error('Elija su archivo .p12 o .pfx.');
      const credentials = kind === 'sat' ? { kind, cer: await fileBase64(cer!), key: await fileBase64(key!) } : { kind, p12: await fileBase64(p12!) };
      await call('certificates.import', { credentials, password, keepKey });
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
              <option value="sat">e.firma del SAT (.cer y .key)</option>
              <option value="p12">PKCS#12 (.p12 o .pfx)</option>
            </select>
          </label>
          {kind === 'sat' ? (
            <>
              <label className="field">
                <span>Certificado (.cer)</span>
                <input type="file" accept=".cer,.crt,.der" onChange={(e) => setCer(e.target.files?.[0] ?? null)} />
              </label>
              <label className="field">
                <span>Clave privada (.key)</span>
                <input type="file" accept=".key" onChange={(e) => setKey(e.target.files?.[0] ?? null)} />
              </label>
            </>
          ) : (
            <label className="field">
              <span>Archivo .p12 / .pfx</span>
              <input type="file" accept=".p12,.pfx" onChange={(e) => setP12(e.target.files?.[0] ?? null)} />
            </label>
          )}
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
