import type { Commission } from '../../../src-shared/domain/index.js';
import type { Modality, SessionType } from '../../../src-shared/domain/index.js';
import { useClient } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { CommissionSelect, FormActions, FormError, useForm } from '../../kit/index.js';
import { SessionFields } from './SessionFields.js';

/** Type, date, time, modality and place: the key is generated from the commission and the year. */
export function NewSessionForm({ commissions, defaultCommission, onCancel }: { commissions: Commission[]; defaultCommission: string; onCancel: () => void }) {
  const call = useClient();
  const form = useForm({
    commissionId: defaultCommission || commissions[0]?.id || '',
    type: 'ordinaria',
    date: '',
    time: '',
    modality: 'presencial',
    place: '',
  });
  const f = form.values;
  const submit = form.submit(async () => {
    const args = form.check('sessions.create', {
      commissionId: f.commissionId,
      type: f.type as SessionType,
      date: f.date.trim(),
      ...(f.time ? { time: f.time } : {}),
      modality: f.modality as Modality,
      ...(f.place.trim() ? { place: f.place.trim() } : {}),
    });
    if (!args) return;
    const session = await call('sessions.create', args);
    window.location.hash = href('sesiones', session.id);
  });
  return (
    <form className="card" onSubmit={submit} aria-label="Nueva sesión">
      <h2>Nueva sesión</h2>
      <CommissionSelect commissions={commissions} {...form.field('commissionId')} />
      <SessionFields form={form} placeLabel={f.modality === 'virtual' ? 'Enlace de la reunión' : 'Lugar'} />
      <FormActions submit="Crear sesión" busy={form.busy} busyLabel="Creando…" onCancel={onCancel}>
        <FormError error={form.error} />
      </FormActions>
    </form>
  );
}
