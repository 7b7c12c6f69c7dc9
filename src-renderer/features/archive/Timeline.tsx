import type { TimelineEvent } from '../../../src-shared/contract/index.js';

const centralTime = (iso: string) => new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' });

/** The history as the audit log records it, oldest first. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (!events.length) return <p className="muted">La bitácora no tiene entradas para esto.</p>;
  return (
    <ol className="timeline" aria-label="Línea de tiempo">
      {events.map((e, i) => (
        <li key={`${e.seq}-${i}`} className={`timeline-${e.kind}`}>
          <span className="timeline-when">{centralTime(e.at)}</span> <strong>{e.label}</strong>{' '}
          <span className="muted">
            — {e.actor}, entrada {e.seq} de la bitácora
          </span>
        </li>
      ))}
    </ol>
  );
}
