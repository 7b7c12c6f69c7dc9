import { useState } from 'react';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { Loaded } from '../../app/Status.js';
import { saveFile } from './save.js';
import { Timeline } from './Timeline.js';

/** A session's history and its whole file for the archive (ZIP with a manifest of hashes). */
export function SessionFile({ sessionId, sessionKey }: { sessionId: string; sessionKey: string }) {
  const call = useClient();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <div className="card" role="region" aria-label={`Expediente de la sesión ${sessionKey}`}>
      <h2>Sesión {sessionKey}</h2>
      <div className="actions">
        <button
          type="button"
          className="button-ghost"
          disabled={busy}
          aria-busy={busy || undefined}
          onClick={() => {
            setBusy(true);
            setError('');
            call('archive.exportSession', { sessionId })
              .then((z) => saveFile(z.fileName, z.base64, 'application/zip'), (e: unknown) => setError(messageOf(e)))
              .finally(() => setBusy(false));
          }}
        >
          {busy ? 'Preparando…' : 'Descargar expediente de la sesión (ZIP)'}
        </button>
      </div>
      {error && (
        <p className="text-error" role="alert">
          {error}
        </p>
      )}
      <h3>Línea de tiempo de la sesión</h3>
      <Loaded load={(c) => c('audit.timeline', { sessionId })} deps={[sessionId]}>
        {(events) => <Timeline events={events} />}
      </Loaded>
    </div>
  );
}
