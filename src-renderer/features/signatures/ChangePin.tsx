import { useClient } from '../../app/client-context.js';
import { useUi } from '../../app/ui-store.js';
import { Field, FormActions, FormError, NewSecretFields, useForm } from '../../kit/index.js';

export function ChangePin({ target, onClose }: { target: { id: string; personName: string }; onClose: () => void }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const form = useForm({ pin: '', newPin: '', newPin2: '' });
  const change = form.submit(async () => {
    const { pin, newPin, newPin2 } = form.values;
    const args = form.check('signatures.changePin', { id: target.id, pin, newPin });
    if (!args) return;
    if (newPin !== newPin2) return form.fail('newPin2', 'Los dos PIN nuevos no coinciden.');
    await call('signatures.changePin', args);
    notify({ kind: 'ok', text: `PIN de la firma de ${target.personName} actualizado.` });
    onClose();
  });
  return (
    <form className="card" onSubmit={change}>
      <h2>Cambiar el PIN de la firma de {target.personName}</h2>
      <div className="form-row">
        <Field label="PIN actual" type="password" inputMode="numeric" autoComplete="current-password" {...form.field('pin')} />
        <NewSecretFields label="PIN nuevo (6 a 12 dígitos)" repeatLabel="Confirme el PIN nuevo" numeric secret={form.field('newPin')} repeat={form.field('newPin2')} />
      </div>
      <FormError error={form.error} />
      <FormActions submit="Cambiar PIN" busy={form.busy} busyLabel="Cambiando…" onCancel={onClose} />
    </form>
  );
}
