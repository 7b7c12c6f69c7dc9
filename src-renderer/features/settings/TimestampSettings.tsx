import { useState } from 'react';
import { useClient, useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';

export function TimestampSettings() {
  const [settings, retry] = useLoad((c) => c('settings.get', {}), []);
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
            <TsaForm tsaUrl={s.tsaUrl} />
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

function TsaForm({ tsaUrl }: { tsaUrl: string }) {
  const call = useClient();
  const form = useForm({ tsaUrl });
  const [saved, setSaved] = useState(false);
  const save = form.submit(async () => {
    setSaved(false);
    const args = form.check('settings.setTsa', { tsaUrl: form.values.tsaUrl.trim() });
    if (!args) return;
    await call('settings.setTsa', args);
    setSaved(true);
  });
  return (
    <form onSubmit={save}>
      <div className="form-row">
        <Field label="Dirección del servicio (TSA)" placeholder="https://…" {...form.field('tsaUrl')} />
      </div>
      <FormError error={form.error} />
      <FormActions submit="Guardar" busy={form.busy} busyLabel="Guardando…" />
      {saved && (
        <p className="text-ok" role="status">
          Dirección guardada.
        </p>
      )}
    </form>
  );
}
