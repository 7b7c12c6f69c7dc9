import { useRef, useState } from 'react';
import type { AuthStatus } from '../../../src-shared/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';

/**
 * Touch-first sign-in: each account is a large tile; tapping one asks only for its password.
 * Commissioners hand the laptop to each other, so the list is the quickest way in.
 */
export function SignIn({ status, onDone }: { status: AuthStatus; onDone: (s: AuthStatus) => void }) {
  const call = useClient();
  const [chosen, setChosen] = useState<string>('');
  const form = useForm({ username: '', password: '' });
  const passwordRef = useRef<HTMLInputElement | null>(null);
  const choose = (username: string) => {
    setChosen(username);
    form.set('username', username);
    form.set('password', '');
    setTimeout(() => passwordRef.current?.focus(), 0);
  };
  const enter = form.submit(async () => {
    const args = form.check('auth.signIn', form.values);
    if (!args) return;
    try {
      onDone(await call('auth.signIn', args));
    } finally {
      form.set('password', '');
    }
  });
  const person = status.accounts.find((a) => a.username === chosen);
  return (
    <main className="signin">
      <h1>Sesiona</h1>
      <p className="signin-lead">¿Quién va a usar Sesiona?</p>
      <ul className="signin-tiles" aria-label="Cuentas de esta computadora">
        {status.accounts.map((a) => (
          <li key={a.username}>
            <button type="button" className="signin-tile" aria-pressed={chosen === a.username} onClick={() => choose(a.username)}>
              <span className="signin-tile-name">{a.personName ?? a.username}</span>
              <span className="signin-tile-user">{a.username}</span>
            </button>
          </li>
        ))}
      </ul>
      <form className="card signin-form" onSubmit={enter}>
        <h2>{person ? `Contraseña de ${person.personName ?? person.username}` : 'Iniciar sesión'}</h2>
        {!chosen && <Field label="Usuario" autoComplete="username" autoCapitalize="none" {...form.field('username')} />}
        <div className="field">
          <label htmlFor="signin-password">Contraseña</label>
          <input
            id="signin-password"
            ref={passwordRef}
            type="password"
            autoComplete="current-password"
            value={form.values.password}
            onChange={(e) => form.set('password', e.target.value)}
            aria-invalid={form.errors.password ? true : undefined}
            aria-describedby={form.errors.password ? 'signin-password-error' : undefined}
          />
          {form.errors.password && (
            <span id="signin-password-error" className="field-error">
              {form.errors.password}
            </span>
          )}
        </div>
        <FormError error={form.error} />
        <FormActions submit="Entrar" busy={form.busy} busyLabel="Comprobando…" onCancel={chosen ? () => choose('') : undefined} cancelLabel="Otra cuenta" />
      </form>
    </main>
  );
}
