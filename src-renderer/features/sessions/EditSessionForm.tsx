import { useState } from 'react';
import type { Modality, Session, SessionType } from '../../../src-shared/domain/index.js';
import { CallFailed } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { FormActions, FormError, Toggle, useForm } from '../../kit/index.js';
import { SessionFields } from './SessionFields.js';

/** Date, time, type, modality and place; a change of key after convening asks for confirmation. */
export function EditSessionForm({ session, onDone }: { session: Session; onDone: () => Promise<void> }) {
  const call = useClient();
  const [confirm, setConfirm] = useState(false);
  const [asked, setAsked] = useState(false);
  const form = useForm({ type: session.type as string, date: session.date, time: session.time, modality: session.modality as string, place: session.place });
  const submit = form.submit(async () => {
    const v = form.values;
    const args = form.check('sessions.update', {
      id: session.id,
      type: v.type as SessionType,
      date: v.date.trim(),
      time: v.time,
      modality: v.modality as Modality,
      place: v.place,
      ...(confirm ? { confirmRenumber: true } : {}),
    });
    if (!args) return;
    try {
      await call('sessions.update', args);
    } catch (e) {
      if (e instanceof CallFailed && e.error.code === 'CONFLICT') setAsked(true);
      throw e;
    }
    await onDone();
  });
  return (
    <form className="card" onSubmit={submit} aria-label="Editar datos de la sesión">
      <SessionFields form={form} placeLabel="Lugar o enlace" />
      {asked && (
        <Toggle label="Confirmo el cambio de clave de una sesión ya convocada" checked={confirm} onChange={setConfirm} />
      )}
      <FormActions submit="Guardar cambios" busy={form.busy} busyLabel="Guardando…">
        <FormError error={form.error} />
      </FormActions>
    </form>
  );
}
