import { useEffect, useState, type ReactNode } from 'react';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { FirstRun } from './FirstRun.js';
import { SignIn } from './SignIn.js';
import { useSession } from './session-store.js';

/**
 * Nothing but the first-run or sign-in screen until someone is signed in: every change is
 * attributed to an account, and the laptop passes from hand to hand during a session.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const call = useClient();
  const status = useSession((s) => s.status);
  const setStatus = useSession((s) => s.setStatus);
  const [error, setError] = useState('');
  useEffect(() => {
    call('auth.status', {}).then(setStatus, (e: unknown) => setError(messageOf(e, 'No se pudo consultar la sesión.')));
  }, [call, setStatus]);
  if (error) return <p className="text-error" role="alert">{error}</p>;
  if (!status) return <p className="muted">Cargando…</p>;
  if (status.needsSetup) return <FirstRun onDone={setStatus} />;
  if (!status.user) return <SignIn status={status} onDone={setStatus} />;
  return <>{children}</>;
}

/** In the navigation: who is signed in, and the quick switch for the next commissioner. */
export function UserBadge() {
  const call = useClient();
  const status = useSession((s) => s.status);
  const setStatus = useSession((s) => s.setStatus);
  const [error, setError] = useState('');
  if (!status?.user) return null;
  const who = status.user.personName ?? status.user.username;
  return (
    <div className="user-badge">
      <div className="user-name" title={status.user.username}>
        {who}
      </div>
      <button type="button" className="button-switch" onClick={() => call('auth.signOut', {}).then(setStatus, (e: unknown) => setError(messageOf(e, 'No se pudo cerrar la sesión.')))}>
        Cambiar de usuario
      </button>
      {error && (
        <p className="text-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
