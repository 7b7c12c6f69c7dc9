import type { DocumentSummary } from '../../../src-shared/contract/index.js';
import { SIGNER_STATUS_LABEL } from '../../../src-shared/format.js';
import { DataTable, statusColumn, type Column } from '../../kit/index.js';

type Signer = DocumentSummary['signers'][number];

/** The signers in signing order; while the document is a draft, each can move up or down. */
export function SignerTable({ doc, onReorder }: { doc: DocumentSummary; onReorder: (memberIds: string[]) => void }) {
  const move = (i: number, j: number) => {
    const ids = doc.signers.map((x) => x.memberId);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    onReorder(ids);
  };
  const columns: (Column<Signer> | false)[] = [
    { key: 'n', header: '#', cell: (_, i) => i + 1 },
    { key: 'name', header: 'Nombre', cell: (s) => s.name },
    { key: 'role', header: 'Cargo', cell: (s) => s.role },
    statusColumn<Signer>(SIGNER_STATUS_LABEL, (s) => (
      <>
        {s.status === 'firmado' && s.timestamped === false && <div className="muted">Sin sello de tiempo</div>}
        {s.refusal && <div className="muted">{s.refusal}</div>}
      </>
    )),
    { key: 'cert', header: 'Certificado', cellClassName: 'mono', cell: (s) => s.certificateNumber ?? '' },
    doc.status === 'borrador' && {
      key: 'order',
      header: 'Orden',
      hiddenHeader: true,
      cellClassName: 'order-buttons',
      cell: (s, i) =>
        ([-1, 1] as const).map((delta) => {
          const j = i + delta;
          const label = delta < 0 ? `Subir a ${s.name}` : `Bajar a ${s.name}`;
          return (
            <button
              key={delta}
              type="button"
              className="button-ghost"
              aria-label={label}
              title={label}
              disabled={j < 0 || j >= doc.signers.length}
              onClick={() => move(i, j)}
            >
              {delta < 0 ? '↑' : '↓'}
            </button>
          );
        }),
    },
  ];
  return <DataTable rows={doc.signers} columns={columns} rowKey={(s) => s.memberId} middle />;
}
