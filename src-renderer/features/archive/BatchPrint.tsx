import { useRef, useState } from 'react';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { PrintOptionsFields, usePrintOptions } from './PrintOptions.js';

/**
 * Prints a selection one document after another through the app's print call (each job audited),
 * with a progress bar; cancelling stops before the next document (a job already sent stays sent).
 */
export function BatchPrint({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const call = useClient();
  const options = usePrintOptions();
  const [state, setState] = useState<{ done: number; failed: string[]; running: boolean; cancelled: boolean } | null>(null);
  const cancel = useRef(false);
  const start = async () => {
    const args = options.args();
    if (!args) return;
    cancel.current = false;
    const failed: string[] = [];
    setState({ done: 0, failed, running: true, cancelled: false });
    for (const [i, id] of ids.entries()) {
      if (cancel.current) {
        setState({ done: i, failed, running: false, cancelled: true });
        onDone();
        return;
      }
      try {
        await call('printing.print', { ...args, id });
      } catch (e) {
        failed.push(messageOf(e));
        // The same failure (no printer, CUPS down) would repeat for every document: stop here.
        setState({ done: i, failed, running: false, cancelled: false });
        onDone();
        return;
      }
      setState({ done: i + 1, failed, running: true, cancelled: false });
    }
    setState({ done: ids.length, failed, running: false, cancelled: false });
    onDone();
  };
  return (
    <div className="card" role="region" aria-label="Imprimir selección">
      <h2>Imprimir {ids.length === 1 ? '1 documento' : `${ids.length} documentos`}</h2>
      <PrintOptionsFields options={options} />
      <div className="actions">
        <button type="button" className="button" disabled={!ids.length || state?.running} onClick={() => void start()}>
          Imprimir selección
        </button>
        {state?.running && (
          <button type="button" className="button-ghost" onClick={() => (cancel.current = true)}>
            Cancelar
          </button>
        )}
      </div>
      {state && (
        <div role="status">
          <progress className="batch-progress" max={ids.length} value={state.done} aria-label="Avance de la impresión" />
          <p>
            {state.running
              ? `Enviando a la impresora: ${state.done} de ${ids.length}…`
              : state.cancelled
                ? `Impresión cancelada: se enviaron ${state.done} de ${ids.length}.`
                : state.failed.length
                  ? `Se detuvo después de ${state.done} de ${ids.length}.`
                  : `Se enviaron ${state.done} documento(s) a la impresora.`}
          </p>
          {state.failed.map((f) => (
            <p key={f} className="text-error" role="alert">
              {f}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
