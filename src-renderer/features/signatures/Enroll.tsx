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
  const [people] = useLoad((c) => c('people.list', {}), []);
  const form = useForm({ personId: '', pin: '', pin2: '', use: 'firma' });
  const [capture, setCapture] = useState<SignatureCapture | null>(null);
  const list = people.state === 'ready' ? people.value : [];
  const chosen = list.find((p) => p.id === form.values.personId);
  const save = form.submit(async () => {
    const { personId, pin, pin2, use } = form.values;
    if (!personId) return form.fail('personId', 'Elija a la persona de la lista.');
    const args = form.check('signatures.enroll', { personId, pin, capture: capture ?? undefined, use }, { messages: { capture: EMPTY_SIGNATURE } });
    if (!args) return;
    if (pin !== pin2) return form.fail('pin2', 'Los dos PIN no coinciden.');
    const s = await call('signatures.enroll', args);
    notify({ kind: 'ok', text: `${s.use === 'rubrica' ? 'Rúbrica' : 'Firma'} de ${s.personName} registrada y cifrada.` });
    onDone();
  });
  return (
    <form className="card" onSubmit={save}>
      <h2>Registrar firma autógrafa o rúbrica</h2>
      <p className="muted">
        La rúbrica son las iniciales que se estampan en el margen de cada página de actas, informes y programas al firmarlos; se guarda cifrada
        aparte de la firma. Registrar una nueva no borra la anterior: se usa la más reciente.
      </p>
      <div className="form-row">
        <Field label="Qué registra">
          <select value={form.values.use} onChange={(e) => form.set('use', e.target.value)}>
            <option value="firma">Firma completa (recuadro de firmas)</option>
            <option value="rubrica">Rúbrica (iniciales en cada página)</option>
          </select>
        </Field>
        <Field label="Persona que firma" error={form.errors.personId}>
          <select value={form.values.personId} onChange={(e) => form.set('personId', e.target.value)}>
            <option value="">Elija a la persona…</option>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.title} ${p.name}`.trim()}
              </option>
            ))}
          </select>
        </Field>
        <Field label="PIN (6 a 12 dígitos)" type="password" inputMode="numeric" autoComplete="new-password" {...form.field('pin')} />
        <Field label="Confirme el PIN" type="password" inputMode="numeric" autoComplete="new-password" {...form.field('pin2')} />
      </div>
      <SignatureCapturePad signerName={chosen ? `${chosen.title} ${chosen.name}`.trim() : ''} onChange={setCapture} />
      <FormError error={form.error} />
      <FormActions submit={form.values.use === 'rubrica' ? 'Guardar rúbrica' : 'Guardar firma'} busy={form.busy} busyLabel="Guardando…" onCancel={onCancel} />
    </form>
  );
}
