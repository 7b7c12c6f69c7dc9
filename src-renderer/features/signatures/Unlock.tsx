import { useClient, useLoad } from '../../app/client-context.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';

export function Unlock({ onDone }: { onDone: () => void }) {
  const call = useClient();
  const [status] = useLoad((c) => c('vault.status', {}), []);
  const first = status.state === 'ready' && !status.value.initialized;
  const form = useForm({ passphrase: '', passphrase2: '' });
  const unlock = form.submit(async () => {
    const args = form.check('vault.unlock', { passphrase: form.values.passphrase });
    if (!args) return;
    // The first passphrase sets the key for good: a typo would lock every signature away.
    if (first && form.values.passphrase !== form.values.passphrase2) return form.fail('passphrase2', 'Las dos frases de acceso no coinciden.');
    await call('vault.unlock', args).then(onDone);
  });
  return (
    <form className="card" onSubmit={unlock}>
      <h2>Desbloquear el almacén de firmas</h2>
      <p className="muted">
        Las firmas se guardan cifradas. En este equipo la clave se protege con una frase de acceso; la primera vez, la frase que
        escriba quedará establecida.
      </p>
      <Field label="Frase de acceso" type="password" autoComplete={first ? 'new-password' : 'current-password'} {...form.field('passphrase')} />
      {first && <Field label="Repita la frase de acceso" type="password" autoComplete="new-password" {...form.field('passphrase2')} />}
      <FormError error={form.error} />
      <FormActions submit={first ? 'Establecer y desbloquear' : 'Desbloquear'} busy={form.busy} busyLabel="Desbloqueando…" />
    </form>
  );
}
