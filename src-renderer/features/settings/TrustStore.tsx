import { useState } from 'react';
import { fileBase64 } from '../../api/files.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';
import { FileField, FormActions, FormError, useForm } from '../../kit/index.js';

/** Roots the verification trusts, e.g. the SAT's certificates or the institutional test CA. */
export function TrustStore() {
  const call = useClient();
  const [roots, retry] = useLoad((c) => c('trust.list', {}), []);
  const form = useForm({});
  const [file, setFile] = useState<File | null>(null);
  const add = form.submit(async () => {
    if (!file) return form.fail('file', 'Elija el archivo del certificado.');
    const args = form.check('trust.add', { certificate: await fileBase64(file) }, { fields: { certificate: 'file' } });
    if (!args) return;
    await call('trust.add', args);
    retry();
  });
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
      <form onSubmit={add}>
        <div className="form-row">
          <FileField label="Agregar certificado raíz (.cer, .crt o .pem)" accept=".cer,.crt,.pem,.der" error={form.errors.file} onFile={setFile} />
        </div>
        <FormError error={form.error} />
        <FormActions submit="Agregar a la lista de confianza" ghost busy={form.busy} busyLabel="Agregando…" />
      </form>
    </>
  );
}
