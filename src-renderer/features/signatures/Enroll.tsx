import { useState } from 'react';
import type { SignatureCapture } from '../../../src-shared/domain/index.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { useUi } from '../../app/ui-store.js';
import { FormActions, FormError, NewSecretFields, PersonSelect, SelectField, useForm } from '../../kit/index.js';
import { SignatureCapturePad } from './SignatureCapturePad.js';

const USES = [
  { value: 'firma', label: 'Firma completa (recuadro de firmas)' },
  { value: 'rubrica', label: 'Rúbrica (iniciales en cada página)' },
];

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
        <SelectField label="Qué registra" options={USES} {...form.field('use')} />
        <PersonSelect label="Persona que firma" people={list} empty="Elija a la persona…" {...form.field('personId')} />
        <NewSecretFields label="PIN (6 a 12 dígitos)" repeatLabel="Confirme el PIN" numeric secret={form.field('pin')} repeat={form.field('pin2')} />
      </div>
      <SignatureCapturePad signerName={chosen ? `${chosen.title} ${chosen.name}`.trim() : ''} onChange={setCapture} />
      <FormError error={form.error} />
      <FormActions submit={form.values.use === 'rubrica' ? 'Guardar rúbrica' : 'Guardar firma'} busy={form.busy} busyLabel="Guardando…" onCancel={onCancel} />
    </form>
  );
}
