import { useState } from 'react';
import type { CertificateView } from '../../../src-shared/contract/index.js';
import { useUi } from '../../app/ui-store.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';
import { FormActions, FormError, Toggle, useForm } from '../../kit/index.js';
import { CredentialInputs, useCredentialFiles } from './CredentialFiles.js';

const day = (iso: string) => new Date(iso).toLocaleDateString('es-MX', { timeZone: 'America/Mexico_City', dateStyle: 'long' });

/** e.firma and PKCS#12 certificates: import, see what they say, choose whether to keep the key. */
export function CertificatesSection() {
  const [list, retry] = useLoad((c) => c('certificates.list', {}), []);
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
                <CertificateCard key={c.id} cert={c} />
              ))}
            </div>
          )
        }
      </Status>
      <ImportCertificate onDone={retry} />
    </>
  );
}

function CertificateCard({ cert: c }: { cert: CertificateView }) {
  return (
    <div className="card cert" aria-label={`Certificado de ${c.info.subjectName}`}>
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
  );
}

function ImportCertificate({ onDone }: { onDone: () => void }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const form = useForm({ kind: 'sat', password: '' });
  const files = useCredentialFiles(form.values.kind);
  const [keepKey, setKeepKey] = useState(true);
  const submit = form.submit(async () => {
    const credentials = await files.read();
    const draft = { credentials: credentials ?? undefined, password: form.values.password, keepKey };
    const args = form.check('certificates.import', draft, { skip: credentials ? [] : ['credentials'] });
    if (!credentials || !args) return;
    const view = await call('certificates.import', args);
    form.set('password', '');
    // Say it worked, and say so plainly when the issuer is the institutional test CA.
    const test = /Pruebas/i.test(view.info.issuerName);
    notify({
      kind: 'ok',
      text: `Certificado de ${view.info.subjectName} importado.${test ? ` Lo emitió ${view.info.issuerName}: es un certificado de prueba, no una e.firma del SAT.` : ''}`,
    });
    onDone();
  });
  return (
    <form className="card" onSubmit={submit}>
      <h3>Importar certificado</h3>
      <div className="form-row">
        <CredentialInputs kindLabel="Tipo" kind={form.values.kind} onKind={(k) => form.set('kind', k)} files={files} password={form.field('password')} />
      </div>
      <Toggle label="Guardar la clave privada cifrada en este equipo (la contraseña nunca se guarda)" checked={keepKey} onChange={setKeepKey} />
      <FormError error={form.error} />
      <FormActions submit="Importar certificado" busy={form.busy} busyLabel="Importando…" />
    </form>
  );
}
