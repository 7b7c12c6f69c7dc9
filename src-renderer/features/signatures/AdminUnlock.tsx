import type { SignatureSummary } from '../../../src-shared/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { useUi } from '../../app/ui-store.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';

/** An administrator unlocks a signature locked after five wrong PINs; the reason is audited. */
export function AdminUnlock({ target, onDone }: { target: Pick<SignatureSummary, 'id' | 'personName'>; onDone: () => void }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const form = useForm({ reason: '' });
  const unlock = form.submit(async () => {
    const args = form.check('signatures.unlock', { id: target.id, reason: form.values.reason });
    if (!args) return;
    await call('signatures.unlock', args);
    notify({ kind: 'ok', text: `Firma de ${target.personName} desbloqueada; el motivo quedó en la bitácora.` });
    onDone();
  });
  return (
    <form className="card" onSubmit={unlock}>
      <h2>Desbloquear la firma de {target.personName}</h2>
      <p className="muted">Se bloqueó tras cinco PIN incorrectos. Confirme en persona que es su titular antes de desbloquearla; el PIN no cambia.</p>
      <Field label="Motivo del desbloqueo" {...form.field('reason')} />
      <FormError error={form.error} />
      <FormActions submit="Desbloquear firma" busy={form.busy} busyLabel="Desbloqueando…" onCancel={onDone} />
    </form>
  );
}
