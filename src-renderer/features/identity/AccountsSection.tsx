import { useState } from 'react';
import type { AccountView, PersonView } from '../../../src-shared/contract/index.js';
import { formatClockTime } from '../../../src-shared/format.js';
import { ACCOUNT_ROLE_LABELS, type AccountRole } from '../../../src-shared/domain/index.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { useUi } from '../../app/ui-store.js';
import { choices, CommissionSelect, DataTable, Field, FormActions, FormError, PersonSelect, ReasonForm, SelectField, useForm } from '../../kit/index.js';
import { NewPasswordFields } from './NewPasswordFields.js';
import { isAdmin, useSession } from './session-store.js';

const ROLES = choices(Object.keys(ACCOUNT_ROLE_LABELS) as AccountRole[], ACCOUNT_ROLE_LABELS);

/** Local accounts: who can sign in on this laptop, bound to a person and a role. */
export function AccountsSection({ people }: { people: PersonView[] }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const status = useSession((s) => s.status);
  const [accounts, reload] = useLoad((c) => c('accounts.list', {}), []);
  const [commissions] = useLoad((c) => c('commissions.list', {}), []);
  const [unlocking, setUnlocking] = useState<AccountView | null>(null);
  const form = useForm({ username: '', password: '', password2: '', role: 'consejeria', personId: '', commissionId: '', office: '' });
  const create = form.submit(async () => {
    const { username, password, password2, role, personId, commissionId, office } = form.values;
    if (role !== 'admin' && !personId) return form.fail('personId', 'Elija la persona de esta cuenta.');
    const args = form.check('accounts.create', {
      username,
      password,
      role: role as AccountRole,
      ...(personId ? { personId } : {}),
      ...(commissionId ? { commissionId } : {}),
      ...(role === 'revisor' ? { office } : {}),
    });
    if (!args) return;
    if (password !== password2) return form.fail('password2', 'Las dos contraseñas no coinciden.');
    const a = await call('accounts.create', args);
    notify({ kind: 'ok', text: `Cuenta «${a.username}» creada.` });
    for (const k of ['username', 'password', 'password2', 'personId', 'commissionId', 'office'] as const) form.set(k, '');
    reload();
  });
  const rows = accounts.state === 'ready' ? accounts.value : [];
  const comms = commissions.state === 'ready' ? commissions.value : [];
  return (
    <>
      <h2>Cuentas</h2>
      {accounts.state === 'error' && <p className="text-error">{accounts.message}</p>}
      <DataTable
        rows={rows}
        rowKey={(a) => a.id}
        columns={[
          { key: 'user', header: 'Usuario', cellClassName: 'mono', cell: (a) => a.username },
          { key: 'person', header: 'Persona', cell: (a) => a.personName ?? '—' },
          {
            key: 'roles',
            header: 'Función',
            cell: (a) => a.roles.map((r) => `${ACCOUNT_ROLE_LABELS[r.role]}${r.commissionId ? ` (${comms.find((c) => c.id === r.commissionId)?.acronym ?? ''})` : ''}`).join(', '),
          },
          { key: 'office', header: 'Oficina', cell: (a) => a.office ?? '—' },
          { key: 'state', header: 'Estado', cell: (a) => (a.disabled ? 'Desactivada' : a.lockedUntil ? `Bloqueada hasta las ${formatClockTime(a.lockedUntil)}` : 'Activa') },
          {
            key: 'unlock',
            header: '',
            cell: (a) =>
              a.lockedUntil && isAdmin(status) ? (
                <button type="button" className="button-ghost" onClick={() => setUnlocking(a)}>
                  Desbloquear acceso
                </button>
              ) : null,
          },
        ]}
      />
      {unlocking && (
        <ReasonForm
          title={`Desbloquear el acceso de «${unlocking.username}»`}
          label="Motivo del desbloqueo"
          submit="Desbloquear acceso"
          busyLabel="Desbloqueando…"
          call="accounts.clearSignInLock"
          args={(reason) => ({ id: unlocking.id, reason })}
          onDone={() => {
            notify({ kind: 'ok', text: `«${unlocking.username}» puede iniciar sesión de nuevo; el motivo quedó en la bitácora.` });
            setUnlocking(null);
            reload();
          }}
          onCancel={() => setUnlocking(null)}
        >
          <p className="muted">Se bloqueó tras varias contraseñas incorrectas. Confirme en persona que es su titular; la contraseña no cambia.</p>
        </ReasonForm>
      )}
      {isAdmin(status) && (
        <form className="card" onSubmit={create}>
          <h2>Nueva cuenta</h2>
          <div className="form-row">
            <Field label="Usuario" autoCapitalize="none" {...form.field('username')} />
            <PersonSelect people={people} empty="Elija a la persona…" {...form.field('personId')} />
            <SelectField label="Función" options={ROLES} {...form.field('role')} />
            <CommissionSelect label="Comisión (opcional)" short commissions={comms} empty="Todas" {...form.field('commissionId')} />
          </div>
          {form.values.role === 'revisor' && <Field label="Oficina que revisa (recibe las rondas de revisión enviadas a este nombre)" {...form.field('office')} />}
          <div className="form-row">
            <NewPasswordFields form={form} />
          </div>
          <FormError error={form.error} />
          <FormActions submit="Crear cuenta" busy={form.busy} busyLabel="Creando…" />
        </form>
      )}
    </>
  );
}

