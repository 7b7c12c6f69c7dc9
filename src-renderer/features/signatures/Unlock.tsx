import { useClient } from '../../app/client-context.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';

export function Unlock({ onDone }: { onDone: () => void }) {
  const call = useClient();
  const form = useForm({ passphrase: '' });
  const unlock = form.submit(async () => {
    const args = form.check('vault.unlock', form.values);
    if (args) await call('vault.unlock', args).then(onDone);
  });
  return (
    <form className="card" onSubmit={unlock}>
      <h2>Desbloquear el almacén de firmas</h2>
      <p className="muted">
        Las firmas se guardan cifradas. En este equipo la clave se protege con una frase de acceso; la primera vez, la frase que
        escriba quedará establecida.
      </p>
      <Field label="Frase de acceso" type="password" autoComplete="current-password" {...form.field('passphrase')} />
      <FormError error={form.error} />
      <FormActions submit="Desbloquear" busy={form.busy} busyLabel="Desbloqueando…" />
    </form>
  );
}
