import type { AuthStatus } from '../../../src-shared/contract/index.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { Field, FormActions, FormError, PersonSelect, useForm } from '../../kit/index.js';
import { NewPasswordFields } from './NewPasswordFields.js';

/** A data folder opened for the first time has no account: the first one is the administrator's. */
export function FirstRun({ onDone }: { onDone: (s: AuthStatus) => void }) {
  const call = useClient();
  const [people] = useLoad((c) => c('people.list', {}), []);
  const form = useForm({ username: '', password: '', password2: '', personId: '' });
  const save = form.submit(async () => {
    const { username, password, password2, personId } = form.values;
    const args = form.check('auth.setup', { username, password, ...(personId ? { personId } : {}) });
    if (!args) return;
    if (password.length < 8) return form.fail('password', 'La contraseña debe tener al menos 8 caracteres.');
    if (password !== password2) return form.fail('password2', 'Las dos contraseñas no coinciden.');
    onDone(await call('auth.setup', args));
  });
  const list = people.state === 'ready' ? people.value : [];
  return (
    <main className="signin">
      <h1>Le damos la bienvenida a Sesiona</h1>
      <p className="signin-lead">Esta carpeta de datos aún no tiene cuentas. Cree la cuenta de administración; con ella podrá registrar a las demás personas.</p>
      <form className="card signin-form" onSubmit={save}>
        <h2>Cuenta de administración</h2>
        <Field label="Usuario" autoComplete="username" autoCapitalize="none" placeholder="por ejemplo, admin" {...form.field('username')} />
        <PersonSelect label="Persona (opcional)" people={list} empty="Sin persona (solo administración)" {...form.field('personId')} />
        <NewPasswordFields form={form} />
        <FormError error={form.error} />
        <FormActions submit="Crear cuenta y entrar" busy={form.busy} busyLabel="Creando…" />
      </form>
    </main>
  );
}
