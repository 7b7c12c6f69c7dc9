import type { Commission } from '../../../src-shared/domain/index.js';
import { Modality, SessionType } from '../../../src-shared/domain/index.js';
import { MODALITY_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { useClient } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';

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
      <div className="form-row">
        <Field label="Comisión" error={form.errors.commissionId}>
          <select {...form.field('commissionId')}>
            {commissions.map((c) => (
              <option key={c.id} value={c.id}>
                {c.acronym} — {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Tipo" error={form.errors.type}>
          <select {...form.field('type')}>
            {SessionType.options.map((t) => (
              <option key={t} value={t}>
                {SESSION_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-row">
        <Field label="Fecha (AAAA-MM-DD)" inputMode="numeric" placeholder="2023-09-29" {...form.field('date')} />
        <Field label="Hora" type="time" {...form.field('time')} />
        <Field label="Modalidad" error={form.errors.modality}>
          <select {...form.field('modality')}>
            {Modality.options.map((m) => (
              <option key={m} value={m}>
                {MODALITY_LABEL[m]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={f.modality === 'virtual' ? 'Enlace de la reunión' : 'Lugar'} {...form.field('place')} />
      <FormActions submit="Crear sesión" busy={form.busy} busyLabel="Creando…" onCancel={onCancel}>
        <FormError error={form.error} />
      </FormActions>
    </form>
  );
}
