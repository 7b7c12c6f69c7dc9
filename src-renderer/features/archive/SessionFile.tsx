import { useClient } from '../../app/client-context.js';
import { Loaded } from '../../app/Status.js';
import { DownloadButton } from '../../kit/index.js';
import { Timeline } from './Timeline.js';

/** A session's history and its whole file for the archive (ZIP with a manifest of hashes). */
export function SessionFile({ sessionId, sessionKey }: { sessionId: string; sessionKey: string }) {
  const call = useClient();
  return (
    <div className="card" role="region" aria-label={`Expediente de la sesión ${sessionKey}`}>
      <h2>Sesión {sessionKey}</h2>
      <div className="actions">
        <DownloadButton mime="application/zip" busyLabel="Preparando…" fetch={() => call('archive.exportSession', { sessionId })}>
          Descargar expediente de la sesión (ZIP)
        </DownloadButton>
      </div>
      <h3>Línea de tiempo de la sesión</h3>
      <Loaded load={(c) => c('audit.timeline', { sessionId })} deps={[sessionId]}>
        {(events) => <Timeline events={events} />}
      </Loaded>
    </div>
  );
}
