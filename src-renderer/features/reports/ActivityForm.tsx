import type { Activity, ActivityKind, Commission, Programme } from '../../../src-shared/domain/index.js';
import { ACTIVITY_KIND_LABEL } from '../../../src-shared/format.js';
import { useClient } from '../../app/client-context.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';

/**
 * An activity of the year: its group, consecutive number and name, and the cronograma rows it
 * reports on (the board's "atrasada" flag reads their planned months).
 */
export function ActivityForm({
  commission,
  year,
  activity,
  programme,
  onDone,
  onCancel,
}: {
  commission: Commission;
  year: number;
  activity?: Activity;
  programme: Programme | undefined;
  onDone: () => void;
  onCancel: () => void;
}) {
  const call = useClient();
  const form = useForm({ kind: activity?.kind ?? 'ordinaria', number: activity ? String(activity.number) : '', title: activity?.title ?? '', rows: (activity?.scheduleRowIds ?? []).join(' ') });
  const linked = new Set(form.values.rows.split(' ').filter(Boolean));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(linked);
    if (on) next.add(id);
    else next.delete(id);
    form.set('rows', [...next].join(' '));
  };
  const save = form.submit(async () => {
    const v = form.values;
    const args = form.check('activities.save', {
      ...(activity ? { id: activity.id } : {}),
      commissionId: commission.id,
      year,
      kind: v.kind as ActivityKind,
      ...(v.number.trim() ? { number: Number(v.number) } : {}),
      title: v.title,
    });
    if (!args) return;
    const saved = await call('activities.save', args);
    const rowIds = [...linked];
    if (rowIds.join(' ') !== (activity?.scheduleRowIds ?? []).join(' ')) await call('progress.linkRows', { id: saved.id, rowIds });
    onDone();
  });
  return (
    <form className="panel" noValidate onSubmit={save} aria-label={activity ? `Editar la actividad ${activity.number}` : 'Nueva actividad'}>
      <h3>{activity ? `Editar actividad ${activity.number}` : `Nueva actividad ${year}`}</h3>
      <div className="form-row">
        <Field label="Grupo" error={form.errors.kind}>
          <select value={form.values.kind} onChange={(e) => form.set('kind', e.target.value)}>
            {Object.entries(ACTIVITY_KIND_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Consecutivo (vacío: el siguiente)" type="number" min={1} step={1} inputMode="numeric" {...form.field('number')} />
      </div>
      <Field label="Actividad">
        <textarea rows={2} value={form.values.title} onChange={(e) => form.set('title', e.target.value)} aria-invalid={form.errors.title ? true : undefined} />
      </Field>
      {form.errors.title && <p className="field-error">{form.errors.title}</p>}
      <fieldset className="row-links">
        <legend>Filas del cronograma sobre las que informa</legend>
        {programme?.sections.some((s) => s.schedule.length) ? (
          programme.sections.map((s) =>
            s.schedule.map((r) => (
              <label key={r.id} className="toggle">
                <input type="checkbox" checked={linked.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} />
                {s.number}. {r.lineOfAction}
              </label>
            )),
          )
        ) : (
          <p className="muted">No hay programa {year} con cronograma para vincular.</p>
        )}
      </fieldset>
      <FormError error={form.error} />
      <FormActions submit="Guardar actividad" busy={form.busy} busyLabel="Guardando…" onCancel={onCancel} />
    </form>
  );
}
