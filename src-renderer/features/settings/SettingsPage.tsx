import { useState } from 'react';
import type { AuditCheck } from '../../../src-shared/contract/index.js';
import { messageOf } from '../../api/client.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';
import { SyncSettings } from './SyncSettings.js';
import { TimestampSettings } from './TimestampSettings.js';
import { COLLECTION_LABEL } from '../../../src-shared/format.js';
import { TrustStore } from './TrustStore.js';


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
      <SyncSettings />
      <TimestampSettings />
      <TrustStore />
      <h2>Bitácora de cambios</h2>
      <p className="muted">Cada cambio queda encadenado al anterior; la verificación detecta cualquier alteración.</p>
      <button
        type="button"
        className="button"
        onClick={() => call('audit.verify', {}).then(setCheck, (e: unknown) => setCheck({ error: messageOf(e, 'No se pudo verificar la bitácora.') }))}
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
