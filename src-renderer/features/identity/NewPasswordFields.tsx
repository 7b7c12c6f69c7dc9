import { NewSecretFields, type Form } from '../../kit/index.js';

/** An account's new password twice, under the same labels wherever an account is created. */
export function NewPasswordFields<V extends { password: string; password2: string }>({ form }: { form: Form<V> }) {
  return <NewSecretFields label="Contraseña (al menos 8 caracteres)" repeatLabel="Repita la contraseña" secret={form.field('password')} repeat={form.field('password2')} />;
}
