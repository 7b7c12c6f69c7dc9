import type { PersonView } from '../../../src-shared/contract/index.js';
import type { MemberRole } from '../../../src-shared/domain/index.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { useUi } from '../../app/ui-store.js';
import { CommissionSelect, Field, FormActions, FormError, SelectField, useForm } from '../../kit/index.js';

const ROLES: { value: MemberRole; label: string; printed: string }[] = [
  { value: 'presidencia', label: 'Presidencia', printed: 'CONSEJERA PRESIDENTA' },
  { value: 'integrante', label: 'Integrante', printed: 'CONSEJERA INTEGRANTE' },
  { value: 'secretaria_tecnica', label: 'Secretaría Técnica', printed: 'SECRETARÍA TÉCNICA' },
];

/** A seat on a commission for this person: new, or an existing one changed (role, period). */
export function MembershipForm({ person, onDone }: { person: PersonView; onDone: () => void }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const [commissions] = useLoad((c) => c('commissions.list', {}), []);
  const form = useForm({ seat: '', commissionId: '', role: 'integrante', roleLabel: 'CONSEJERA INTEGRANTE', from: '', to: '' });
  const pickSeat = (memberId: string) => {
    const m = person.memberships.find((x) => x.memberId === memberId);
    const next = m
      ? { seat: memberId, commissionId: m.commissionId, role: m.role, roleLabel: m.roleLabel, from: m.from ?? '', to: m.to ?? '' }
      : { seat: '', commissionId: '', role: 'integrante', roleLabel: 'CONSEJERA INTEGRANTE', from: '', to: '' };
    for (const [k, v] of Object.entries(next)) form.set(k as keyof typeof next, v);
  };
  const save = form.submit(async () => {
    const { seat, commissionId, role, roleLabel, from, to } = form.values;
    if (!commissionId) return form.fail('commissionId', 'Elija la comisión.');
    const args = form.check('memberships.save', {
      personId: person.id,
      commissionId,
      ...(seat ? { memberId: seat } : {}),
      role: role as MemberRole,
      roleLabel,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
    if (!args) return;
    await call('memberships.save', args);
    notify({ kind: 'ok', text: `Cargo de ${person.name} guardado.` });
    onDone();
  });
  const list = commissions.state === 'ready' ? commissions.value : [];
  return (
    <form onSubmit={save}>
      <h2>Cargos en comisiones</h2>
      <div className="form-row">
        <SelectField
          label="Cargo"
          options={person.memberships.map((m) => ({ value: m.memberId, label: `${m.commissionAcronym}: ${m.roleLabel}` }))}
          empty="Agregar un cargo nuevo"
          value={form.values.seat}
          onChange={(e) => pickSeat(e.target.value)}
        />
        <CommissionSelect commissions={list} empty="Elija la comisión…" disabled={Boolean(form.values.seat)} {...form.field('commissionId')} />
        <SelectField
          label="Función"
          options={ROLES}
          value={form.values.role}
          error={form.errors.role}
          onChange={(e) => {
            form.set('role', e.target.value);
            form.set('roleLabel', ROLES.find((r) => r.value === e.target.value)?.printed ?? form.values.roleLabel);
          }}
        />
      </div>
      <div className="form-row">
        <Field label="Cargo como se imprime" {...form.field('roleLabel')} />
        <Field label="Desde" type="date" {...form.field('from')} />
        <Field label="Hasta (opcional)" type="date" {...form.field('to')} />
      </div>
      <FormError error={form.error} />
      <FormActions submit="Guardar cargo" ghost busy={form.busy} busyLabel="Guardando…" />
    </form>
  );
}
