import { useState } from 'react';
import { CallFailed } from '../../api/client.js';
import { fileBase64 } from '../../api/files.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';
import type { AuditCheck } from '../../../src-shared/contract/calls.js';

const COLLECTION_LABEL: Record<string, string> = {
  commissions: 'Comisiones',
  sessions: 'Sesiones',
  activities: 'Actividades',
  programmes: 'Programas anuales',
  calendars: 'Calendarios',
  signatures: 'Firmas',
  documents: 'Documentos',
  certificates: 'Certificados',
  trustRoots: 'Raíces de confianza',
  settings: 'Ajustes',
};

export function SettingsPage() {
  const call = useClient();
  const [data, retry] = useLoad((c) => c('app.info', {}), []);
  const [check, setCheck] = useState<AuditCheck | { error: string } | null>(null);
  return (
    <section>
      <h1>Ajustes</h1>
      <Status data={data} retry={retry}>
        {(info) => (
          <dl className="facts">
            <dt>Versión</dt>
            <dd>{info.version}</dd>
            <dt>Modo</dt>
            <dd>{info.host === 'electron' ? 'Aplicación de escritorio' : 'Navegador (servicio local)'}</dd>
            <dt>Carpeta de datos</dt>
            <dd className="mono">{info.dataDir}</dd>
            <dt>Protección de claves</dt>
            <dd>{info.keyStore === 'safeStorage' ? 'Almacén de claves del sistema operativo' : 'Frase de acceso (scrypt)'}</dd>
            <dt>Registros</dt>
            <dd>
              {Object.entries(info.counts)
                .map(([k, n]) => `${COLLECTION_LABEL[k] ?? k}: ${n}`)
                .join(' · ')}
            </dd>
          </dl>
        )}
      </Status>
      <TimestampSettings />
      <TrustStore />
      <h2>Bitácora de cambios</h2>
      <p className="muted">Cada cambio queda encadenado al anterior; la verificación detecta cualquier alteración.</p>
      <button
        type="button"
        className="button"
        onClick={() =>
          call('audit.verify', {}).then(setCheck, (e: unknown) =>
            setCheck({ error: e instanceof CallFailed ? e.message : 'No se pudo verificar la bitácora.' }),
          )
        }
      >
        Verificar bitácora
      </button>
      {check && (
        <p role="status" className={'error' in check || !check.ok ? 'text-error' : 'text-ok'}>
          {'error' in check
            ? check.error
            : check.ok
              ? `Bitácora íntegra: ${check.entries} registros verificados.`
              : [check.brokenAt !== undefined ? `La bitácora fue alterada a partir del registro ${check.brokenAt}.` : '', ...(check.problems ?? [])]
                  .filter(Boolean)
                  .join(' ')}
        </p>
      )}
    </section>
  );
}

function TimestampSettings() {
  const call = useClient();
  const [settings, retry] = useLoad((c) => c('settings.get', {}), []);
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <>
      <h2>Sello de tiempo</h2>
      <Status data={settings} retry={retry}>
        {(s) => (
          <div className="card">
            <p className="muted">
              Con un servicio de sellado de tiempo (RFC 3161) cada firma lleva la hora certificada. Sin conexión se firma sin él y
              después puede agregarse un sello de tiempo al documento.
            </p>
            <div className="form-row">
              <label className="field">
                <span>Dirección del servicio (TSA)</span>
                <input value={url ?? s.tsaUrl} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" />
              </label>
            </div>
            <button
              type="button"
              className="button"
              onClick={() =>
                call('settings.setTsa', { tsaUrl: (url ?? s.tsaUrl).trim() }).then(
                  () => setMessage({ ok: true, text: 'Dirección guardada.' }),
                  (e: unknown) => setMessage({ ok: false, text: e instanceof CallFailed ? e.message : 'No se pudo guardar.' }),
                )
              }
            >
              Guardar
            </button>
            {message && <p className={message.ok ? 'text-ok' : 'text-error'} role="status">{message.text}</p>}
            <p className="muted">
              Certificado del sello de documentos:{' '}
              {s.sealCertificateNumber ? <span className="mono">{s.sealCertificateNumber}</span> : 'se crea al bloquear el primer documento'}
            </p>
          </div>
        )}
      </Status>
    </>
  );
}

/** Roots the verification trusts, e.g. the SAT's certificates or the institutional test CA. */
function TrustStore() {
  const call = useClient();
  const [roots, retry] = useLoad((c) => c('trust.list', {}), []);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState('');
  return (
    <>
      <h2>Certificados raíz de confianza</h2>
      <Status data={roots} retry={retry}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">Sin certificados raíz: la verificación no podrá decir si una firma proviene de una autoridad confiable.</p>
          ) : (
            <ul className="plain-list">
              {list.map((r) => (
                <li key={r.id}>
                  <strong>{r.name}</strong> <span className="muted">· vence {new Date(r.notAfter).toLocaleDateString('es-MX')}</span>
                </li>
              ))}
            </ul>
          )
        }
      </Status>
      <div className="form-row">
        <label className="field">
          <span>Agregar certificado raíz (.cer, .crt o .pem)</span>
          <input type="file" accept=".cer,.crt,.pem,.der" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
      </div>
      {error && <p className="text-error" role="alert">{error}</p>}
      <button
        type="button"
        className="button-ghost"
        onClick={async () => {
          setError('');
          if (!file) return setError('Elija el archivo del certificado.');
          try {
            await call('trust.add', { certificate: await fileBase64(file) });
            retry();
          } catch (e) {
            setError(e instanceof CallFailed ? e.message : 'No se pudo agregar el certificado.');
          }
        }}
      >
        Agregar a la lista de confianza
      </button>
    </>
  );
}
