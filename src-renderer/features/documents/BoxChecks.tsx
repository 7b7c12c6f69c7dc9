import type { BoxCheck } from '../../../src-shared/contract/index.js';
import { DataTable } from '../../kit/index.js';

/** One row per signature box: is the signer the person printed under it? */
export function BoxChecks({ boxes }: { boxes: BoxCheck[] }) {
  if (boxes.length === 0) return null;
  return (
    <div role="region" aria-label="Recuadros de firma">
      <h3>Recuadros de firma</h3>
      <DataTable
        rows={boxes}
        rowKey={(b) => b.fieldName}
        columns={[
          { key: 'person', header: 'Persona impresa', cell: (b) => b.personName },
          { key: 'signer', header: 'Firmó', cell: (b) => b.signerName ?? '—' },
          {
            key: 'match',
            header: '¿Coincide?',
            cell: (b) =>
              b.matches === null ? (
                <span className="muted">Sin firma</span>
              ) : b.matches ? (
                <span className="text-ok">Sí, {b.by === 'nombre' ? 'por el nombre' : `por ${b.by === 'rfc' ? 'el RFC' : 'la CURP'}`}</span>
              ) : (
                <span className="text-error">No: {b.problem}</span>
              ),
          },
        ]}
      />
    </div>
  );
}
