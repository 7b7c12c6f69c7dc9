import { useState } from 'react';
import type { SyncStatus } from '../../../src-shared/contract/index.js';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { useSyncWatch } from '../../app/sync-watch.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' }) : 'nunca');

/** Ajustes → Sincronización: the central server, the sign-in to it, and how this laptop stands with it. */
export function SyncSettings() {
  const status = useSyncWatch((s) => s.status);
  const set = useSyncWatch((s) => s.set);
  return (
    <>
      <h2>Sincronización</h2>
      <div className="card">
        <p className="muted">
          Con conexión, este equipo envía sus cambios al servidor central del instituto y recibe los de otros equipos de la comisión. Sin
          conexión se sigue trabajando; los cambios esperan en este equipo.
        </p>
        {status === null ? (
          <p className="muted" role="status">
            Cargando…
          </p>
        ) : (
          <>
            {status.configured && <SyncState status={status} onStatus={set} />}
            <SignInForm status={status} onStatus={set} />
          </>
        )}
      </div>
    </>
  );
}

function SyncState({ status, onStatus }: { status: SyncStatus; onStatus: (s: SyncStatus) => void }) {
  const call = useClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const syncNow = () => {
    setBusy(true);
    setMessage(null);
    call('sync.now', { reason: 'button' })
      .then(
        (r) => {
          onStatus(r.status);
          setMessage({ ok: r.rejected.length === 0, text: `Enviados: ${r.pushed} · Recibidos: ${r.pulled}${r.rejected.length ? ` · Rechazados: ${r.rejected.length}` : ''}` });
        },
        (e: unknown) => setMessage({ ok: false, text: messageOf(e, 'No se pudo sincronizar.') }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <>
      <dl className="facts" aria-label="Estado de la sincronización">
        <dt>Servidor</dt>
        <dd className="mono">{status.server}</dd>
        <dt>Cuenta</dt>
        <dd>
          {status.displayName ?? status.username} ({status.username}) · {status.commission}
        </dd>
        <dt>Estado</dt>
        <dd className={status.online ? 'text-ok' : 'text-error'}>{status.online ? 'En línea' : 'Sin conexión'}</dd>
        <dt>Pendientes</dt>
        <dd>{status.pending === 0 ? 'Ninguno' : `${status.pending} cambio(s) por enviar`}</dd>
        {(status.awaitingFiles ?? 0) > 0 && (
          <>
            <dt>Archivos por recibir</dt>
            <dd className="text-error">
              {status.awaitingFiles} archivo(s) pendiente(s) de recibir: otro equipo guardó registros que los usan pero aún no los envía al servidor. Se
              descargarán solos en una próxima sincronización; mientras tanto esos documentos o imágenes no están completos aquí.
            </dd>
          </>
        )}
        <dt>Última sincronización</dt>
        <dd>{when(status.lastSync)}</dd>
        {status.lastError && (
          <>
            <dt>Error</dt>
            <dd className="text-error">{status.lastError}</dd>
          </>
        )}
      </dl>
      <button type="button" className="button" disabled={busy} onClick={syncNow}>
        {busy ? 'Sincronizando…' : 'Sincronizar ahora'}
      </button>
      {message && (
        <p role="status" className={message.ok ? 'text-ok' : 'text-error'}>
          {message.text}
        </p>
      )}
      {(status.lost?.length ?? 0) > 0 && (
        <section aria-label="Cambios que no contaron">
          <h3>Cambios que no contaron</h3>
          <p className="muted">Se hicieron en este equipo sobre registros que otro equipo eliminó antes. Se conservan aquí; nada se borró.</p>
          <ul>
            {status
              .lost!.slice()
              .reverse()
              .map((x) => (
                <li key={x.id}>
                  {x.message} <span className="muted">({when(x.at)})</span>
                </li>
              ))}
          </ul>
        </section>
      )}
      {status.rejected.length > 0 && (
        <>
          <h3>Cambios que el servidor no aceptó</h3>
          <p className="muted">Se conservan en este equipo; nada se borró.</p>
          <ul>
            {status.rejected
              .slice()
              .reverse()
              .map((r, i) => (
                <li key={`${r.at}-${i}`}>
                  {r.reason} <span className="muted">({when(r.at)})</span>
                </li>
              ))}
          </ul>
        </>
      )}
    </>
  );
}

function SignInForm({ status, onStatus }: { status: SyncStatus; onStatus: (s: SyncStatus) => void }) {
  const call = useClient();
  const form = useForm({ server: status.server ?? '', username: status.username ?? '', password: '' });
  const [done, setDone] = useState(false);
  const save = form.submit(async () => {
    setDone(false);
    const args = form.check('sync.signIn', { server: form.values.server.trim(), username: form.values.username.trim(), password: form.values.password });
    if (!args) return;
    onStatus(await call('sync.signIn', args));
    form.set('password', '');
    setDone(true);
  });
  return (
    <form onSubmit={save} aria-label="Servidor de sincronización">
      <h3>{status.configured ? 'Volver a iniciar sesión en el servidor' : 'Conectar con el servidor'}</h3>
      <div className="form-row">
        <Field label="Dirección del servidor" placeholder="https://…" {...form.field('server')} />
        <Field label="Usuario del servidor" autoComplete="username" {...form.field('username')} />
        <Field label="Contraseña del servidor" type="password" autoComplete="current-password" {...form.field('password')} />
      </div>
      <FormError error={form.error} />
      <FormActions submit="Iniciar sesión en el servidor" busy={form.busy} busyLabel="Conectando…" />
      {done && (
        <p className="text-ok" role="status">
          Sesión iniciada en el servidor.
        </p>
      )}
    </form>
  );
}
