import { useState } from 'react';
import type { SignatureCapture } from '../../../src-shared/domain/index.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { useUi } from '../../app/ui-store.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';
import { SignatureCapturePad } from './SignatureCapturePad.js';

const EMPTY_SIGNATURE = 'La firma está vacía: trace su firma antes de guardarla.';

export function Enroll({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const [commissions] = useLoad((c) => c('commissions.list', {}), []);
  const form = useForm({ personName: '', pin: '', pin2: '' });
  const [capture, setCapture] = useState<SignatureCapture | null>(null);
  const members =
    commissions.state === 'ready'
      ? [...new Set(commissions.value.flatMap((c) => c.members.map((m) => `${m.title ? `${m.title} ` : ''}${m.name}`)))].sort()
      : [];
  const save = form.submit(async () => {
    const { personName, pin, pin2 } = form.values;
    const args = form.check('signatures.enroll', { personName, pin, capture: capture ?? undefined }, { messages: { capture: EMPTY_SIGNATURE } });
    if (!args) return;
    if (pin !== pin2) return form.fail('pin2', 'Los dos PIN no coinciden.');
    const s = await call('signatures.enroll', args);
    notify({ kind: 'ok', text: `Firma de ${s.personName} registrada y cifrada.` });
    onDone();
  });
  return (
    <form className="card" onSubmit={save}>
      <h2>Registrar firma autógrafa</h2>
      <div className="form-row">
        <Field label="Persona que firma" list="sesiona-members" placeholder="Nombre completo" {...form.field('personName')} />
        <datalist id="sesiona-members">
          {members.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <Field label="PIN (4 a 8 dígitos)" type="password" inputMode="numeric" autoComplete="new-password" {...form.field('pin')} />
        <Field label="Confirme el PIN" type="password" inputMode="numeric" autoComplete="new-password" {...form.field('pin2')} />
      </div>
      <SignatureCapturePad signerName={form.values.personName} onChange={setCapture} />
      <FormError error={form.error} />
      <FormActions submit="Guardar firma" busy={form.busy} busyLabel="Guardando…" onCancel={onCancel} />
    </form>
  );
}
