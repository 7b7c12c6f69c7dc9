import { useState } from 'react';
import type { PrintCheck } from '../../../src-shared/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';

/** Someone holding a printed copy types (or scans) its QR text; the app says whether it matches. */
export function PrintedCopyCheck({ id, payload }: { id: string; payload: string }) {
  const call = useClient();
  const form = useForm({ payload: '' });
  const [result, setResult] = useState<PrintCheck | null>(null);
  const check = form.submit(async () => {
    setResult(null);
    const args = form.check('documents.verifyPrint', { id, payload: form.values.payload });
    if (args) setResult(await call('documents.verifyPrint', args));
  });
  return (
    <form className="card" onSubmit={check}>
      <h2>Comprobar una copia impresa</h2>
      <p className="muted">
        La última página lleva la cadena original, el sello y un código QR. Lea el código de la copia y compárelo con este documento.
        Código de este documento: <span className="mono">{payload}</span>
      </p>
      <div className="form-row">
        <Field label="Contenido del código QR de la copia" placeholder="SESIONA|1|…" {...form.field('payload')} />
      </div>
      <FormActions submit="Comprobar copia" ghost busy={form.busy} busyLabel="Comprobando…" />
      <FormError error={form.error} />
      {result && (
        <div role="status">
          {result.matches ? (
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
    </form>
  );
}
